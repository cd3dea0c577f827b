package io.outrun.listener.webhook;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerLookup;
import io.outrun.triggers.WebhookConfig;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Receives a webhook, checking in this order: a fireable webhook trigger (404; {@link
 * TriggerLookup}: the registry, or MongoDB for an id it does not know yet), the method (405), the
 * origin (403), the body size (413), the credentials over the raw body (401), the rate limit (429);
 * then starts the run, answering "accepted" only once the run request is on Kafka (else 503), or,
 * for a trigger that waits, with the run's result ({@link WebhookReplies}). The rate limit counts
 * authenticated requests only, so nobody without the credentials can use up a sender's allowance.
 */
@Service
class WebhookReceiver {

  /**
   * A 404 costs what a 401 of an HMAC webhook costs: the body is read (up to the limit) and an
   * HMAC-SHA256 computed over it with this throwaway key, so timing does not tell an unknown,
   * disabled or inactive trigger from one whose signature was wrong. The answers themselves are
   * fixed texts naming nothing.
   */
  private static final byte[] DECOY_KEY = new byte[32];

  private final TriggerLookup lookup;
  private final WebhookAuthentication authentication;
  private final WebhookRateLimits rateLimits;
  private final WebhookReplies runs;
  private final WebhookProperties properties;

  WebhookReceiver(
      TriggerLookup lookup,
      WebhookAuthentication authentication,
      WebhookRateLimits rateLimits,
      WebhookReplies runs,
      WebhookProperties properties) {
    this.lookup = lookup;
    this.authentication = authentication;
    this.rateLimits = rateLimits;
    this.runs = runs;
    this.properties = properties;
  }

  /**
   * @param body the request body; fails with {@link DataBufferLimitException} when too large
   */
  Mono<WebhookOutcome> receive(WebhookCall call, Mono<byte[]> body) {
    if (!lookup.isReady()) {
      return Mono.just(new WebhookOutcome.Unavailable("The webhook receiver is starting."));
    }
    return lookup
        .find(call.triggerId())
        .flatMap(found -> receive(found.filter(t -> t.type() == TriggerType.WEBHOOK), call, body));
  }

  private Mono<WebhookOutcome> receive(
      Optional<FireableTrigger> trigger, WebhookCall call, Mono<byte[]> body) {
    Optional<WebhookCredentials> credentials = trigger.flatMap(authentication::credentials);
    if (credentials.isEmpty()) {
      return notFound(body);
    }
    WebhookConfig config = trigger.get().config().as(WebhookConfig.class).orElseThrow();
    if (!config.allowsMethod(call.method())) {
      return Mono.just(new WebhookOutcome.MethodNotAllowed(config.method().name()));
    }
    if (!WebhookOrigins.allows(
        config.allowedOrigins(), call.headers().getFirst(HttpHeaders.ORIGIN))) {
      return Mono.just(new WebhookOutcome.ForbiddenOrigin());
    }
    return body.flatMap(
            bytes ->
                authentication.admits(credentials.get(), call, bytes)
                    ? limitedStart(trigger.get(), config, call, bytes)
                    : Mono.just(new WebhookOutcome.Unauthorized()))
        .onErrorResume(
            DataBufferLimitException.class,
            tooLarge -> Mono.just(new WebhookOutcome.TooLarge(maxBodyBytes())));
  }

  long maxBodyBytes() {
    return properties.maxBodySize().toBytes();
  }

  private Mono<WebhookOutcome> limitedStart(
      FireableTrigger trigger, WebhookConfig config, WebhookCall call, byte[] body) {
    return rateLimits
        .admit(trigger.triggerId(), config.rateLimit(), trigger.workspaceId())
        .flatMap(
            retryAfter ->
                retryAfter.isPresent()
                    ? Mono.just(new WebhookOutcome.RateLimited(retryAfter.getAsLong()))
                    : runs.start(trigger, call, body, config));
  }

  private static Mono<WebhookOutcome> notFound(Mono<byte[]> body) {
    return body.map(bytes -> WebhookSignatures.hmac(DECOY_KEY, bytes))
        .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(DECOY_KEY))
        .thenReturn((WebhookOutcome) new WebhookOutcome.NotFound());
  }
}
