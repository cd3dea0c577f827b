package io.outrun.api.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToLongFunction;

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

  /**
   * {@code trigger} as the API shows it, with what the trigger does not hold itself.
   *
   * @param nextRunAt when it fires next; null (absent) unless it is an enabled schedule
   * @param webhookUrl where its webhook is called; null (absent) unless it is a webhook
   * @param secret its new secret, only in the response that created or rotated it; else null
   *     (absent)
   */
  static TriggerView of(Trigger trigger, Instant nextRunAt, String webhookUrl, String secret) {
    Trigger.AutoPause autoPause = trigger.autoPause();
    return new TriggerView(
        trigger.id(),
        trigger.workflowId(),
        trigger.type(),
        trigger.name(),
        trigger.enabled(),
        TriggerConfigs.shown(trigger.config()),
        trigger.createdAt(),
        trigger.updatedAt(),
        trigger.triggerCount(),
        trigger.lastTriggeredAt(),
        nextRunAt,
        scheduleCount(trigger, Trigger.ScheduleState::missed),
        scheduleCount(trigger, Trigger.ScheduleState::skipped),
        autoPause.afterFailures(),
        autoPause.consecutiveFailures(),
        autoPause.lastError(),
        autoPause.pausedAt(),
        webhookUrl,
        secret);
  }

  /** A schedule's counter (0 until the listener has written one); null (absent) for other types. */
  private static Long scheduleCount(
      Trigger trigger, ToLongFunction<Trigger.ScheduleState> counter) {
    if (!trigger.is(TriggerType.SCHEDULE)) {
      return null;
    }
    return counter.applyAsLong(
        trigger.schedule() == null ? Trigger.ScheduleState.NONE : trigger.schedule());
  }

  /** Where a created trigger is read: the {@code Location} of its 201. */
  static URI location(TriggerView trigger) {
    return URI.create("/api/workflows/" + trigger.workflowId() + "/triggers/" + trigger.id());
  }
}
