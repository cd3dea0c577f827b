package io.outrun.listener.webhook;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
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
 * delivery id then names the same run.
 */
@Component
class WebhookRuns {

  private static final Logger log = LoggerFactory.getLogger(WebhookRuns.class);

  private final Function<RunRequested, Mono<Void>> publish;
  private final WebhookRunRequests runRequests;
  private final Duration timeout;

  @Autowired
  WebhookRuns(
      EventPublisher publisher, WebhookRunRequests runRequests, WebhookProperties properties) {
    this(publisher::publish, runRequests, properties.publishTimeout());
  }

  WebhookRuns(
      Function<RunRequested, Mono<Void>> publish,
      WebhookRunRequests runRequests,
      Duration timeout) {
    this.publish = publish;
    this.runRequests = runRequests;
    this.timeout = timeout;
  }

  Mono<WebhookOutcome> start(
      FireableTrigger trigger, WebhookCall call, byte[] body, WebhookResponseFormat format) {
    RunRequested request = runRequests.runRequest(trigger, call, body);
    return Mono.defer(() -> publish.apply(request))
        .timeout(
            timeout, Mono.error(() -> new TimeoutException("no acknowledgement in " + timeout)))
        .thenReturn((WebhookOutcome) new WebhookOutcome.Accepted(request.runId(), format))
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
