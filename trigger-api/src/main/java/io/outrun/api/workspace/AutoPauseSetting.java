package io.outrun.api.workspace;

/**
 * {@code autoPauseAfterFailures}, on a trigger or as a workspace's default: how many consecutive
 * failed runs a trigger starts before listener-service disables it; absent or 0 never. Pure.
 */
public final class AutoPauseSetting {

  public static final int MAX = 1000;

  public static final String RULE = "must be a whole number from 0 (never) to " + MAX;

  private AutoPauseSetting() {}

  /** Whether {@code value} (null: not set) may be stored. */
  public static boolean valid(Integer value) {
    return value == null || (value >= 0 && value <= MAX);
  }
}
