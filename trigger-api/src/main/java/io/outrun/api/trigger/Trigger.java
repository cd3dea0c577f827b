package io.outrun.api.trigger;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A {@code triggers} document (docs/ARCHITECTURE.md). trigger-api writes the configuration;
 * listener-service updates {@code lastTriggeredAt} and {@code triggerCount} (and so does {@code
 * POST .../fire}), and keeps a schedule's {@code nextRunAt} and {@code schedule} state, which
 * trigger-api only reads and resets ({@link ScheduleResets}). Secret material lives in {@code
 * config} only as a hash or a ciphertext.
 *
 * @param nextRunAt a schedule's next instant as the listener keeps it; null until it has seeded it
 * @param schedule the listener's state of a schedule; null until it has written some
 */
@Document(Trigger.COLLECTION)
record Trigger(
    @Id String id,
    String workspaceId,
    String workflowId,
    String type,
    String name,
    boolean enabled,
    Map<String, Object> config,
    Instant createdAt,
    Instant updatedAt,
    Instant lastTriggeredAt,
    long triggerCount,
    Instant nextRunAt,
    ScheduleState schedule) {

  static final String COLLECTION = "triggers";
  static final String WEBHOOK = "webhook";
  static final String SCHEDULE = "schedule";
  static final String DEPENDENCY = "dependency";

  Trigger {
    config = config == null ? Map.of() : config;
  }

  boolean is(String triggerType) {
    return triggerType.equals(type);
  }

  /**
   * The listener's {@code schedule} subdocument (listener-owned; trigger-api reads it and unsets
   * {@code bufferedAt} on a reset). Counters may be absent: read them through {@link #missed()} and
   * {@link #skipped()}.
   */
  record ScheduleState(
      Instant lastScheduledAt,
      String lastRunId,
      Instant bufferedAt,
      Long missedCount,
      Long skippedCount) {

    long missed() {
      return missedCount == null ? 0 : missedCount;
    }

    long skipped() {
      return skippedCount == null ? 0 : skippedCount;
    }
  }
}
