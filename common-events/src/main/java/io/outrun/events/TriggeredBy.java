package io.outrun.events;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What started a run.
 *
 * @param triggerId the trigger document's id, absent for manual runs without a trigger document
 * @param source a short human description (the webhook path, the cron expression, the upstream run)
 * @param payload what the run sees as {@code $trigger}
 */
public record TriggeredBy(
    TriggerType type, String triggerId, String source, Map<String, Object> payload) {

  public TriggeredBy {
    requireNonNull(type, "type");
    payload = payload == null ? Map.of() : payload;
  }

  public static TriggeredBy manual(String userId, Map<String, Object> payload) {
    return new TriggeredBy(TriggerType.MANUAL, null, "user:" + userId, payload);
  }
}
