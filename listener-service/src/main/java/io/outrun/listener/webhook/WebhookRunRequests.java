package io.outrun.listener.webhook;

import io.outrun.events.RunRequested;
import io.outrun.listener.publish.WebhookRunRequest;
import io.outrun.listener.registry.FireableTrigger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a webhook request into a run request whose id is derived from the trigger and the delivery
 * id, so a redelivered webhook names the same run.
 */
@Component
class WebhookRunRequests {

  private final Clock clock;
  private final WebhookPayloads payloads;
  private final SecureRandom random;

  WebhookRunRequests(Clock clock, WebhookProperties properties) {
    this.clock = clock;
    this.payloads =
        new WebhookPayloads(new WebhookJson(properties.json(), properties.maxBodySize().toBytes()));
    this.random = seededRandom();
  }

  /** A run request, or why the request's body cannot start a run. */
  sealed interface Draft {
    record Ready(RunRequested request) implements Draft {}

    record Refused(String detail) implements Draft {}
  }

  /**
   * The event id of this call's run request when the sender named the delivery ({@code webhook-id},
   * {@code X-GitHub-Delivery}, {@code Idempotency-Key}); empty without one, since a random delivery
   * id never repeats.
   */
  Optional<String> deliveryEventId(String triggerId, WebhookCall call) {
    return WebhookPayloads.deliveryId(call.headers())
        .map(id -> WebhookRunRequest.eventId(triggerId, id));
  }

  Draft runRequest(FireableTrigger trigger, WebhookCall call, byte[] body) {
    return switch (payloads.payload(call, body)) {
      case WebhookPayloads.Payload.Ready(Map<String, Object> payload) ->
          new Draft.Ready(runRequest(trigger, call, payload));
      case WebhookPayloads.Payload.Refused(String detail) -> new Draft.Refused(detail);
    };
  }

  private RunRequested runRequest(
      FireableTrigger trigger, WebhookCall call, Map<String, Object> payload) {
    String deliveryId = WebhookPayloads.deliveryId(call.headers()).orElseGet(this::randomId);
    return WebhookRunRequest.of(trigger, call.source(), deliveryId, payload, clock.instant());
  }

  /** A random (version 4) UUID, without reading the OS entropy source on a request thread. */
  private String randomId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xff);
      low = (low << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(high, low).toString();
  }

  /** Seeded here, at startup, so later calls never block on the entropy source. */
  private static SecureRandom seededRandom() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.nextBytes(new byte[16]);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
    }
  }
}
