package io.outrun.listener.webhook;

import io.outrun.events.RunRequested;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import io.outrun.triggers.WebhookConfig.ResponseFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 *
 * <p>Dedupe: a delivery id ({@code webhook-id}, {@code X-GitHub-Delivery}, {@code Idempotency-Key})
 * this replica accepted before for the same trigger is answered "duplicate" (a 202 with the first
 * run id) from {@link WebhookDeliveries}, publishing nothing and counting no fire. Elsewhere
 * (another replica, after a restart) the repeat is published again under the same derived run id,
 * and the runner, creating runs idempotently by request event id, starts nothing.
 *
 * <p>A body that cannot start a run (JSON over a limit) is "invalid" (400), checked after the
 * dedupe. A request too large for a Kafka record is published with its payload stored aside ({@link
 * RunRequestPublisher}); one too large even for that is "too large" (413), never 503.
 */
@Component
class WebhookRuns {

  private static final Logger log = LoggerFactory.getLogger(WebhookRuns.class);

  private final Function<RunRequested, Mono<RunRequestOutcome>> publish;
  private final WebhookRunRequests runRequests;
  private final Duration timeout;
  private final BiConsumer<String, Instant> fired;
  private final WebhookDeliveries deliveries;

  @Autowired
  WebhookRuns(
      RunRequestPublisher publisher,
      WebhookRunRequests runRequests,
      WebhookProperties properties,
      TriggerActivity activity,
      WebhookDeliveries deliveries) {
    this(publisher::publish, runRequests, properties.publishTimeout(), activity::fired, deliveries);
  }

  WebhookRuns(
      Function<RunRequested, Mono<RunRequestOutcome>> publish,
      WebhookRunRequests runRequests,
      Duration timeout,
      BiConsumer<String, Instant> fired,
      WebhookDeliveries deliveries) {
    this.publish = publish;
    this.runRequests = runRequests;
    this.timeout = timeout;
    this.fired = fired;
    this.deliveries = deliveries;
  }

  /**
   * What happens around publishing an accepted request's run: given the request and the publishing
   * (not yet subscribed), the answer. {@link #NO_WAIT} answers as the publishing does.
   */
  @FunctionalInterface
  interface AroundPublish {
    Mono<WebhookOutcome> apply(RunRequested request, Mono<WebhookOutcome> publishing);
  }

  static final AroundPublish NO_WAIT = (request, publishing) -> publishing;

  Mono<WebhookOutcome> start(
      FireableTrigger trigger, WebhookCall call, byte[] body, ResponseFormat format) {
    return start(trigger, call, body, format, NO_WAIT);
  }

  Mono<WebhookOutcome> start(
      FireableTrigger trigger,
      WebhookCall call,
      byte[] body,
      ResponseFormat format,
      AroundPublish around) {
    Optional<String> deliveryEventId = runRequests.deliveryEventId(trigger.triggerId(), call);
    Optional<String> firstRun = deliveryEventId.flatMap(deliveries::runOf);
    if (firstRun.isPresent()) {
      return Mono.just(new WebhookOutcome.Duplicate(firstRun.get(), format));
    }
    return switch (runRequests.runRequest(trigger, call, body)) {
      case WebhookRunRequests.Draft.Ready(RunRequested request) ->
          around.apply(request, publish(trigger, request, format, deliveryEventId.isPresent()));
      case WebhookRunRequests.Draft.Refused(String detail) ->
          Mono.just(new WebhookOutcome.InvalidBody(detail));
    };
  }

  private Mono<WebhookOutcome> publish(
      FireableTrigger trigger, RunRequested request, ResponseFormat format, boolean namedDelivery) {
    return Mono.defer(() -> publish.apply(request))
        .timeout(
            timeout, Mono.error(() -> new TimeoutException("no acknowledgement in " + timeout)))
        .map(
            outcome ->
                switch (outcome) {
                  case RunRequestOutcome.Published published -> {
                    acknowledged(trigger, request, namedDelivery);
                    yield (WebhookOutcome) new WebhookOutcome.Accepted(request.runId(), format);
                  }
                  case RunRequestOutcome.PayloadTooLarge(long bytes, long limit) ->
                      new WebhookOutcome.PayloadTooLarge(bytes, limit);
                })
        .onErrorResume(
            failed -> {
              log.warn(
                  "Webhook run request of trigger {} not published: {}",
                  trigger.triggerId(),
                  failed.toString());
              return Mono.just(new WebhookOutcome.Unavailable("The run could not be queued."));
            });
  }

  private void acknowledged(FireableTrigger trigger, RunRequested request, boolean namedDelivery) {
    fired.accept(trigger.triggerId(), request.occurredAt());
    if (namedDelivery) {
      deliveries.accepted(request.eventId(), request.runId());
    }
  }
}
