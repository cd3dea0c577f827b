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
 * @param nodeId the trigger node it stands for when it was made from the workflow's canvas; null
 *     for one made through the triggers API
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
    ScheduleState schedule,
    AutoPause autoPause,
    String nodeId) {

  static final String COLLECTION = "triggers";

  Trigger {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(config, "config");
    autoPause = autoPause == null ? AutoPause.NONE : autoPause;
  }

  /** A trigger of the triggers API without auto-pause settings or state. */
  Trigger(
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
    this(
        id,
        workspaceId,
        workflowId,
        type,
        name,
        enabled,
        config,
        createdAt,
        updatedAt,
        lastTriggeredAt,
        triggerCount,
        nextRunAt,
        schedule,
        AutoPause.NONE,
        null);
  }

  boolean is(TriggerType triggerType) {
    return type == triggerType;
  }

  /** The config if it is readable and of {@code kind}. */
  <C extends TriggerConfig> Optional<C> config(Class<C> kind) {
    return config.as(kind);
  }

  /**
   * Auto-pause: the trigger's own limit (trigger-api writes it) and the streak listener-service
   * keeps from run completions (listener-service docs/auto-pause.md).
   *
   * @param afterFailures the trigger's {@code autoPauseAfterFailures}; null takes the workspace's
   * @param consecutiveFailures failed runs since the last completed one (or the last enable)
   * @param lastError the latest failed run's error
   * @param pausedAt when the listener disabled the trigger for its failures; cleared on enable
   */
  record AutoPause(
      Integer afterFailures, long consecutiveFailures, String lastError, Instant pausedAt) {

    static final AutoPause NONE = new AutoPause(null, 0, null, null);
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
