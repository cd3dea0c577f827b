package io.outrun.listener.history;

/**
 * What a {@link TriggerEvent} records, by the name stored in {@code trigger_events.kind} and shown
 * in a trigger's history.
 */
public enum TriggerEventKind {
  /** A schedule's instants older than its catch-up window: recorded, not run. */
  MISSED("missed"),
  /** A schedule's instants not run because the previous run was still going. */
  SKIPPED("skipped"),
  /** A schedule's instant held back ({@code buffer_one}) until the previous run ends. */
  BUFFERED("buffered"),
  /** Changes a data-change trigger's stream may have missed. */
  GAP("gap"),
  /**
   * A trigger that will not act: a data-change trigger not watched, a dependent run not started.
   */
  REFUSED("refused"),
  /** A delayed dependent run, stored until it is due. */
  PENDING("pending"),
  /** A delayed dependent run, requested. */
  STARTED("started"),
  /** A delayed dependent run, not requested after all. */
  CANCELLED("cancelled"),
  /** The trigger was disabled after too many consecutive failed runs (auto-pause). */
  AUTO_PAUSED("auto_paused"),
  /**
   * A kafka_topic trigger's record that starts no run: over the size limit, not UTF-8, or its
   * filter failed; committed, so it does not block its partition.
   */
  UNREADABLE("unreadable");

  private final String storedName;

  TriggerEventKind(String storedName) {
    this.storedName = storedName;
  }

  /** The name in {@code trigger_events.kind}. */
  public String storedName() {
    return storedName;
  }
}
