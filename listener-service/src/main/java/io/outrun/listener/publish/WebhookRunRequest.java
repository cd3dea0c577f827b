package io.outrun.listener.publish;

import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;
import java.util.Map;

/**
 * A webhook call's run request. Its event id is {@code "webhook", triggerId, deliveryId}: a
 * redelivered call (same {@code webhook-id}, {@code X-GitHub-Delivery} or {@code Idempotency-Key})
 * names the same run.
 */
public final class WebhookRunRequest {

  private static final String ID_PREFIX = "webhook";

  private WebhookRunRequest() {}

  /**
   * @param source the call, as the run shows it ({@code POST /api/webhooks/{triggerId}})
   * @param payload {@code $trigger}: the call's method, path, headers, query and body
   */
  public static RunRequested of(
      FireableTrigger trigger,
      String source,
      String deliveryId,
      Map<String, Object> payload,
      Instant now) {
    TriggeredBy triggeredBy =
        new TriggeredBy(TriggerType.WEBHOOK, trigger.triggerId(), source, payload);
    return TriggerRequests.of(trigger, triggeredBy, now)
        .idFrom(ID_PREFIX, trigger.triggerId(), deliveryId)
        .build();
  }

  /** The event id of the request for this delivery of this trigger. */
  public static String eventId(String triggerId, String deliveryId) {
    return EventIds.of(ID_PREFIX, triggerId, deliveryId);
  }
}
