package io.outrun.listener.kafkatopic;

import io.outrun.bus.PublishFailedException;
import io.outrun.bus.RecordDelivery;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * One kafka_topic trigger's consumer on this replica: its records handled one at a time, in order.
 * A run request Kafka did not acknowledge is published again, with backoff, holding its record (no
 * offset moves, no rebalance); any other failure (a commit refused after a rebalance, the consumer
 * broke) makes the consumer again from the committed offsets, with backoff. Stopping lets the
 * record under way finish (published and committed) and handles no further one, then closes the
 * consumer, so its partitions go to the group's other members from the committed offsets.
 */
final class TopicConsumer {

  private final FireableTrigger trigger;
  private final RecordPayloads payloads;
  private final RecordFilter filter;
  private volatile boolean stopping;
  private volatile Mono<Void> underWay = Mono.empty();
  private volatile Disposable subscription;

  TopicConsumer(FireableTrigger trigger, RecordPayloads payloads, RecordFilter filter) {
    this.trigger = trigger;
    this.payloads = payloads;
    this.filter = filter;
  }

  FireableTrigger trigger() {
    return trigger;
  }

  RecordPayloads payloads() {
    return payloads;
  }

  RecordFilter filter() {
    return filter;
  }

  /** Subscribes to a consumer's records (a new consumer on each retry), handling them in order. */
  void start(
      Supplier<Flux<RecordDelivery>> records,
      BiFunction<TopicConsumer, RecordDelivery, Mono<Void>> handle,
      RetryBackoffSpec retry) {
    Retry publishAgain =
        retry.filter(error -> !stopping && error instanceof PublishFailedException);
    subscription =
        Flux.defer(records)
            .concatMap(
                record ->
                    stopping
                        ? Mono.<Void>empty()
                        : track(
                            Mono.defer(() -> handle.apply(this, record)).retryWhen(publishAgain)))
            .retryWhen(retry)
            .subscribe();
  }

  private Mono<Void> track(Mono<Void> handling) {
    Mono<Void> shared = handling.cache();
    underWay = shared.onErrorResume(error -> Mono.empty());
    return shared;
  }

  /** Completes once the record under way is done (at most {@code patience}) and it is closed. */
  Mono<Void> stop(Duration patience) {
    stopping = true;
    return underWay
        .timeout(patience, Mono.empty())
        .then(
            Mono.fromRunnable(
                () -> {
                  Disposable current = subscription;
                  if (current != null) {
                    current.dispose();
                  }
                }));
  }
}
