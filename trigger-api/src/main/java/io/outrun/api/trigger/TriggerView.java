package io.outrun.api.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.outrun.events.TriggerType;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A trigger as the API shows it: the config without secret material; {@code webhookUrl} for
 * webhooks; {@code nextRunAt} for enabled schedules, and {@code missedCount} / {@code skippedCount}
 * for every schedule (absent for other types); {@code secret} only in the response that set it.
 * Auto-pause: the trigger's own {@code autoPauseAfterFailures} (absent: the workspace's default),
 * {@code consecutiveFailures}, the latest failure's {@code lastError}, and {@code autoPausedAt}
 * while it is disabled for its failures.
 */
record TriggerView(
    String id,
    String workflowId,
    TriggerType type,
    String name,
    boolean enabled,
    Map<String, Object> config,
    Instant createdAt,
    Instant updatedAt,
    long triggerCount,
    Instant lastTriggeredAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant nextRunAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long missedCount,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long skippedCount,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer autoPauseAfterFailures,
    long consecutiveFailures,
    @JsonInclude(JsonInclude.Include.NON_NULL) String lastError,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant autoPausedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String webhookUrl,
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

  /** Where a created trigger is read: the {@code Location} of its 201. */
  static URI location(TriggerView trigger) {
    return URI.create("/api/workflows/" + trigger.workflowId() + "/triggers/" + trigger.id());
  }
}
