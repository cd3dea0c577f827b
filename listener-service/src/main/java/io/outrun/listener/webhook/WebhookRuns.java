package io.outrun.listener.webhook;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Starts the run of an admitted webhook request: "accepted" only once Kafka has acknowledged the
 * run request (acks=all, idempotent producer). Whatever else happens (the broker down, the producer
 * saturated, no acknowledgement within {@code publish-timeout}) the answer is "unavailable", soon,
 * so the sender retries. A run request may still be acknowledged after that answer; a retry with a
 * delivery id then names the same run. An accepted run counts as a fire of its trigger ({@link
 * TriggerActivity}); one answered "unavailable" does not, even if it reaches Kafka later.
 */
@Component
class WebhookRuns {

  private static final Logger log = LoggerFactory.getLogger(WebhookRuns.class);

  private final Function<RunRequested, Mono<Void>> publish;
  private final WebhookRunRequests runRequests;
  private final Duration timeout;
  private final BiConsumer<String, Instant> fired;

  @Autowired
  WebhookRuns(
      EventPublisher publisher,
      WebhookRunRequests runRequests,
      WebhookProperties properties,
      TriggerActivity activity) {
    this(publisher::publish, runRequests, properties.publishTimeout(), activity::fired);
  }

  WebhookRuns(
      Function<RunRequested, Mono<Void>> publish,
      WebhookRunRequests runRequests,
      Duration timeout,
      BiConsumer<String, Instant> fired) {
    this.publish = publish;
    this.runRequests = runRequests;
    this.timeout = timeout;
    this.fired = fired;
  }

  Mono<WebhookOutcome> start(
      FireableTrigger trigger, WebhookCall call, byte[] body, WebhookResponseFormat format) {
    RunRequested request = runRequests.runRequest(trigger, call, body);
    return Mono.defer(() -> publish.apply(request))
        .timeout(
            timeout, Mono.error(() -> new TimeoutException("no acknowledgement in " + timeout)))
        .thenReturn((WebhookOutcome) new WebhookOutcome.Accepted(request.runId(), format))
        .doOnNext(accepted -> fired.accept(trigger.triggerId(), request.occurredAt()))
        .onErrorResume(
            failed -> {
              log.warn(
                  "Webhook run request of trigger {} not published: {}",
                  trigger.triggerId(),
                  failed.toString());
              return Mono.just(new WebhookOutcome.Unavailable("The run could not be queued."));
            });
  }
}
