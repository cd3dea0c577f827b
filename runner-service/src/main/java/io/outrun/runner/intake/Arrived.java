package io.outrun.runner.intake;

import io.outrun.bus.Delivery;
import io.outrun.events.RunRequested;

/**
 * A run request as the intake holds it until its run ends: whole, or, when {@code stored}, its run
 * recorded as {@code queued} and the delivery carrying the request without its payload ({@link
 * Arrivals}); the run is then read back from MongoDB when it is admitted.
 */
record Arrived(Delivery<RunRequested> delivery, boolean stored) {

  static Arrived whole(Delivery<RunRequested> delivery) {
    return new Arrived(delivery, false);
  }
}
