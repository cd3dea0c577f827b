package io.outrun.api.trigger;

import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.TriggerConfig;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code triggers} document (docs/ARCHITECTURE.md), read by {@link TriggerDocuments}. trigger-api
 * writes the configuration; listener-service updates {@code lastTriggeredAt} and {@code
 * triggerCount} (and so does {@code POST .../fire}), and keeps a schedule's {@code nextRunAt} and
 * {@code schedule} state, which trigger-api only reads and resets ({@link ScheduleResets}). Secret
 * material lives in the config only as a hash or a ciphertext.
 *
 * @param config as read from the document: typed, or unreadable with the reason
 * @param nextRunAt a schedule's next instant as the listener keeps it; null until it has seeded it
 * @param schedule the listener's state of a schedule; null until it has written some
 */
record Trigger(
    String id,
    String workspaceId,
    String workflowId,
    TriggerType type,
    String name,
    boolean enabled,
    StoredConfig config,
    Instant createdAt,
    Instant updatedAt,
    Instant lastTriggeredAt,
    long triggerCount,
    Instant nextRunAt,
    ScheduleState schedule) {

  static final String COLLECTION = "triggers";

  Trigger {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(config, "config");
  }

  boolean is(TriggerType triggerType) {
    return type == triggerType;
  }

  /** The config if it is readable and of {@code kind}. */
  <C extends TriggerConfig> Optional<C> config(Class<C> kind) {
    return config.as(kind);
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

    static final ScheduleState NONE = new ScheduleState(null, null, null, null, null);

    long missed() {
      return missedCount == null ? 0 : missedCount;
    }

    long skipped() {
      return skippedCount == null ? 0 : skippedCount;
    }
  }
}
