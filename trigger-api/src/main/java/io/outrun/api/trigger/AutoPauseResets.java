package io.outrun.api.trigger;

import org.springframework.data.mongodb.core.query.Update;

/**
 * What enabling a trigger does to its auto-pause state (kept by listener-service): the streak
 * starts from zero and {@code autoPausedAt} goes. The run ids the listener counted stay, so that a
 * failure delivered again after the enable is still not counted twice. Pure.
 */
final class AutoPauseResets {

  private AutoPauseResets() {}

  /** Adds the reset to {@code update}, so it is applied in the same write. */
  static Update reset(Update update) {
    return update.set("consecutiveFailures", 0).unset("autoPausedAt").unset("autoPause.runId");
  }
}
