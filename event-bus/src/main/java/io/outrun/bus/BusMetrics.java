package io.outrun.bus;

/** Metric names of the event bus. */
public final class BusMetrics {

  /** Records sent to a dead-letter topic, tagged with the topic they came from. */
  public static final String DEAD_LETTERED = "outrun.events.dead.lettered";

  private BusMetrics() {}
}
