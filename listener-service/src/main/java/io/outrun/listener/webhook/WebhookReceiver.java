package io.outrun.listener.webhook;

import io.outrun.bus.EventPublisher;
import io.outrun.bus.PublishFailedException;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Receives a webhook: finds a fireable webhook trigger, checks the method, the body size and the
 * credentials (over the raw body), and answers "accepted" only once the run request is on Kafka.
 */
@Service
class WebhookReceiver {

  private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);

  private final TriggerRegistry registry;
  private final EventPublisher publisher;
  private final WebhookRunRequests runRequests;
  private final WebhookProperties properties;
  private final WebhookAuthentication authentication;

  WebhookReceiver(
      TriggerRegistry registry,
      EventPublisher publisher,
      WebhookRunRequests runRequests,
      WebhookProperties properties,
      WebhookAuthentication authentication) {
    this.registry = registry;
    this.publisher = publisher;
    this.runRequests = runRequests;
    this.properties = properties;
    this.authentication = authentication;
  }

  /**
   * @param body the request body; fails with {@link DataBufferLimitException} when too large
   */
  Mono<WebhookOutcome> receive(WebhookCall call, Mono<byte[]> body) {
    if (!registry.isReady()) {
      return Mono.just(new WebhookOutcome.Unavailable("The webhook receiver is starting."));
    }
    Optional<FireableTrigger> trigger =
        registry.find(call.triggerId()).filter(t -> t.type() == TriggerType.WEBHOOK);
    Optional<WebhookCredentials> credentials = trigger.flatMap(authentication::credentials);
    if (credentials.isEmpty()) {
      return Mono.just(new WebhookOutcome.NotFound());
    }
    String method = trigger.get().configString("method");
    if (method != null && !method.isBlank() && !method.equalsIgnoreCase(call.method())) {
      return Mono.just(new WebhookOutcome.MethodNotAllowed(method.toUpperCase()));
    }
    return body.flatMap(
            bytes ->
                authentication.admits(credentials.get(), call, bytes)
                    ? publish(runRequests.runRequest(trigger.get(), call, bytes))
                    : Mono.just(new WebhookOutcome.Unauthorized()))
        .onErrorResume(
            DataBufferLimitException.class,
            tooLarge -> Mono.just(new WebhookOutcome.TooLarge(maxBodyBytes())));
  }

  long maxBodyBytes() {
    return properties.maxBodySize().toBytes();
  }

  private Mono<WebhookOutcome> publish(RunRequested request) {
    return publisher
        .publish(request)
        .thenReturn((WebhookOutcome) new WebhookOutcome.Accepted(request.runId()))
        .onErrorResume(
            PublishFailedException.class,
            failed -> {
              log.warn("Webhook run request not published: {}", failed.getMessage());
              return Mono.just(new WebhookOutcome.Unavailable("The run could not be queued."));
            });
  }
}
