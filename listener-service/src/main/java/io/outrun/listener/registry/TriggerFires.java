package io.outrun.listener.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How often a trigger fired since its counts were last written, and the latest of those times.
 *
 * @param count at least 1
 */
record TriggerFires(String triggerId, long count, Instant lastAt) {

  TriggerFires {
    requireNonNull(triggerId, "triggerId");
    requireNonNull(lastAt, "lastAt");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }

  static TriggerFires once(String triggerId, Instant at) {
    return new TriggerFires(triggerId, 1, at);
  }

  /** Both together: the counts added, the later time kept. */
  TriggerFires plus(TriggerFires other) {
    Instant later = other.lastAt.isAfter(lastAt) ? other.lastAt : lastAt;
    return new TriggerFires(triggerId, count + other.count, later);
  }
}
