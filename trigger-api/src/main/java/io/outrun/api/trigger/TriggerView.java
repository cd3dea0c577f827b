package io.outrun.api.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** A trigger as the API shows it; {@code webhookUrl} only for webhook triggers. */
record TriggerView(
    String id,
    String workflowId,
    String type,
    String name,
    boolean enabled,
    Map<String, Object> config,
    Instant createdAt,
    Instant updatedAt,
    long triggerCount,
    Instant lastTriggeredAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String webhookUrl) {

  static TriggerView of(Trigger trigger, TriggerProperties properties) {
    return new TriggerView(
        trigger.id(),
        trigger.workflowId(),
        trigger.type(),
        trigger.name(),
        trigger.enabled(),
        trigger.config(),
        trigger.createdAt(),
        trigger.updatedAt(),
        trigger.triggerCount(),
        trigger.lastTriggeredAt(),
        Trigger.WEBHOOK.equals(trigger.type()) ? properties.webhookUrl(trigger.id()) : null);
  }
}
