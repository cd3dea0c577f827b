package io.outrun.listener.datachange;

import io.outrun.events.RunRequested;
import io.outrun.listener.publish.DataChangeRunRequest;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs a watched change: publishes its run request and completes once Kafka acknowledged it (then
 * the change counts as a fire of its trigger), or fails. A payload too large even to store aside (a
 * document near MongoDB's 16 MB limit) is published without {@code fullDocument}, then without
 * {@code documentKey}, so the change still runs once and the stream goes on.
 */
@Component
class ChangeRuns {

  private static final Logger log = LoggerFactory.getLogger(ChangeRuns.class);

  private final RunRequestPublisher publisher;
  private final TriggerActivity activity;
  private final DataChangeMetrics metrics;
  private final Clock clock;

  ChangeRuns(
      RunRequestPublisher publisher,
      TriggerActivity activity,
      DataChangeMetrics metrics,
      Clock clock) {
    this.publisher = publisher;
    this.activity = activity;
    this.metrics = metrics;
    this.clock = clock;
  }

  Mono<Void> run(TriggerStream stream, ChangeEvent change) {
    RunRequested request =
        DataChangeRunRequest.of(
            stream.trigger(),
            stream.spec().namespace(),
            change.id(),
            change.payload(),
            clock.instant());
    return publish(stream, request, true)
        .doOnError(error -> metrics.notPublished())
        .then(Mono.fromRunnable(() -> acknowledged(stream, request, change.clusterTime())));
  }

  private Mono<Void> publish(TriggerStream stream, RunRequested request, boolean keepKey) {
    return publisher
        .publish(request)
        .flatMap(
            outcome ->
                outcome instanceof RunRequestOutcome.PayloadTooLarge tooLarge
                    ? publishSmaller(stream, request, keepKey, tooLarge)
                    : Mono.empty());
  }

  private Mono<Void> publishSmaller(
      TriggerStream stream,
      RunRequested request,
      boolean keepKey,
      RunRequestOutcome.PayloadTooLarge tooLarge) {
    log.warn(
        "Data-change trigger {}: the change's payload is {} bytes, over {}; running it without its"
            + " fullDocument{}",
        stream.triggerId(),
        tooLarge.bytes(),
        tooLarge.limit(),
        keepKey ? "" : " and documentKey");
    Map<String, Object> payload = request.triggeredBy().payload();
    if (!keepKey && !payload.containsKey("documentKey")) {
      return Mono.error(new IllegalStateException("payload too large: " + tooLarge));
    }
    Map<String, Object> smaller = omittingLargeFields(payload, keepKey);
    return publish(stream, request.with(request.triggeredBy().withPayload(smaller)), false);
  }

  private void acknowledged(TriggerStream stream, RunRequested request, Instant changedAt) {
    metrics.published(changedAt, clock.instant());
    activity.fired(stream.triggerId(), request.occurredAt());
  }

  /**
   * {@code payload} for a change too large to run with all of it: without {@code fullDocument}, and
   * without {@code documentKey} too when {@code keepKey} is false, with {@code omitted} naming what
   * was left out. The run can read the document itself by its key.
   */
  static Map<String, Object> omittingLargeFields(Map<String, Object> payload, boolean keepKey) {
    Map<String, Object> smaller = new LinkedHashMap<>(payload);
    List<String> omitted = new ArrayList<>();
    for (String field :
        keepKey ? List.of("fullDocument") : List.of("fullDocument", "documentKey")) {
      if (smaller.remove(field) != null) {
        omitted.add(field);
      }
    }
    smaller.put("omitted", omitted);
    return smaller;
  }
}
