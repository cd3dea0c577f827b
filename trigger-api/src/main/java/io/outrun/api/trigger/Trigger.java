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

  /**
   * A trigger named field by field. What is not set is what a trigger has before the listener has
   * touched it: never fired, a count of 0, no schedule state, no auto-pause limit or streak, and no
   * canvas node (made through the triggers API).
   */
  static Builder builder() {
    return new Builder();
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

    static final AutoPause NONE = after(null);

    /** A new trigger's: its own limit ({@code null} takes the workspace's), no failed run yet. */
    static AutoPause after(Integer afterFailures) {
      return new AutoPause(afterFailures, 0, null, null);
    }
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

  /** Builds a {@link Trigger}; each setter names the field it sets. */
  static final class Builder {

    private String id;
    private String workspaceId;
    private String workflowId;
    private TriggerType type;
    private String name;
    private boolean enabled;
    private StoredConfig config;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastTriggeredAt;
    private long triggerCount;
    private Instant nextRunAt;
    private ScheduleState schedule;
    private AutoPause autoPause;
    private String nodeId;

    private Builder() {}

    Builder id(String id) {
      this.id = id;
      return this;
    }

    Builder workspaceId(String workspaceId) {
      this.workspaceId = workspaceId;
      return this;
    }

    Builder workflowId(String workflowId) {
      this.workflowId = workflowId;
      return this;
    }

    Builder type(TriggerType type) {
      this.type = type;
      return this;
    }

    Builder name(String name) {
      this.name = name;
      return this;
    }

    Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    Builder config(StoredConfig config) {
      this.config = config;
      return this;
    }

    Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    Builder lastTriggeredAt(Instant lastTriggeredAt) {
      this.lastTriggeredAt = lastTriggeredAt;
      return this;
    }

    Builder triggerCount(long triggerCount) {
      this.triggerCount = triggerCount;
      return this;
    }

    Builder nextRunAt(Instant nextRunAt) {
      this.nextRunAt = nextRunAt;
      return this;
    }

    Builder schedule(ScheduleState schedule) {
      this.schedule = schedule;
      return this;
    }

    Builder autoPause(AutoPause autoPause) {
      this.autoPause = autoPause;
      return this;
    }

    Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    Trigger build() {
      return new Trigger(
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
          autoPause,
          nodeId);
    }
  }
}
