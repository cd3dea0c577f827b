package io.outrun.listener.kafkatopic;

import io.outrun.bus.RecordDelivery;
import io.outrun.events.RunRequested;
import io.outrun.listener.publish.KafkaTopicRunRequest;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Handles one record of a kafka_topic trigger's topic, in order: decode it ({@link
 * RecordPayloads}), test the filter ({@link RecordFilter}, off the Reactor threads), publish the
 * run request and wait for Kafka's acknowledgement, and only then commit the record's offset. A
 * record that starts no run (filtered out, unreadable) is committed too, the unreadable one after
 * its history entry. A request Kafka did not acknowledge fails the handling: nothing is committed,
 * and {@link TopicConsumer} publishes it again.
 */
@Component
class KafkaTopicRuns {

  private final RunRequestPublisher publisher;
  private final TriggerActivity activity;
  private final KafkaTopicMetrics metrics;
  private final KafkaTopicIncidents incidents;
  private final Clock clock;

  KafkaTopicRuns(
      RunRequestPublisher publisher,
      TriggerActivity activity,
      KafkaTopicMetrics metrics,
      KafkaTopicIncidents incidents,
      Clock clock) {
    this.publisher = publisher;
    this.activity = activity;
    this.metrics = metrics;
    this.incidents = incidents;
    this.clock = clock;
  }

  Mono<Void> handle(TopicConsumer consumer, RecordDelivery record) {
    Mono<Void> handled =
        switch (consumer.payloads().decode(record)) {
          case RecordPayloads.Undecodable(String reason) ->
              incidents.unreadable(consumer.trigger(), record, reason);
          case RecordPayloads.Payload(Map<String, Object> payload) ->
              filterThenRun(consumer, record, payload);
        };
    return handled.then(record.commit());
  }

  private Mono<Void> filterThenRun(
      TopicConsumer consumer, RecordDelivery record, Map<String, Object> payload) {
    RecordFilter filter = consumer.filter();
    Mono<RecordFilter.Verdict> verdict =
        filter.filters()
            ? Mono.fromCallable(() -> filter.test(payload))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(
                    filter.patience(),
                    Mono.just(new RecordFilter.Failed("the filter took longer than allowed")))
            : Mono.just(new RecordFilter.Runs());
    return verdict.flatMap(
        decided ->
            switch (decided) {
              case RecordFilter.Runs runs -> run(consumer, record, payload);
              case RecordFilter.Skipped skipped ->
                  Mono.fromRunnable(
                      () ->
                          metrics.record(
                              consumer.trigger().triggerId(), KafkaTopicMetrics.FILTERED_OUT));
              case RecordFilter.Failed(String reason) ->
                  incidents.unreadable(consumer.trigger(), record, reason);
            });
  }

  private Mono<Void> run(
      TopicConsumer consumer, RecordDelivery record, Map<String, Object> payload) {
    RunRequested request =
        KafkaTopicRunRequest.of(
            consumer.trigger(),
            record.topic(),
            record.partition(),
            record.offset(),
            payload,
            clock.instant());
    String triggerId = consumer.trigger().triggerId();
    return publisher
        .publish(request)
        .doOnError(error -> metrics.record(triggerId, KafkaTopicMetrics.FAILED))
        .flatMap(
            outcome ->
                switch (outcome) {
                  case RunRequestOutcome.PayloadTooLarge(long bytes, long limit) ->
                      incidents.unreadable(
                          consumer.trigger(),
                          record,
                          "its payload is " + bytes + " bytes, over the limit of " + limit);
                  case RunRequestOutcome.Published published ->
                      Mono.fromRunnable(
                          () -> {
                            metrics.record(triggerId, KafkaTopicMetrics.RUN_REQUESTED);
                            activity.fired(triggerId, request.occurredAt());
                          });
                });
  }
}
