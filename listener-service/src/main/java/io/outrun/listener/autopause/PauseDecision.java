package io.outrun.listener.autopause;

/**
 * Whether a trigger's failures pause it, once its failure is counted. Pure: the trigger's own
 * {@code autoPauseAfterFailures} wins, else the workspace's default; absent or 0 never pauses.
 */
sealed interface PauseDecision {

  /** Pause the trigger: {@code failures} consecutive failures reached {@code threshold}. */
  record Pause(int threshold, long failures) implements PauseDecision {}

  /** This very run paused it already (a redelivery): record the history again, change nothing. */
  record PausedByThisRun() implements PauseDecision {}

  /** Leave the trigger as it is. */
  record Keep() implements PauseDecision {}

  static PauseDecision of(FailureState state, String runId, Integer workspaceDefault) {
    if (runId.equals(state.autoPausedRunId()) && !state.enabled()) {
      return new PausedByThisRun();
    }
    int threshold = threshold(state.autoPauseAfterFailures(), workspaceDefault);
    if (threshold > 0 && state.enabled() && state.consecutiveFailures() >= threshold) {
      return new Pause(threshold, state.consecutiveFailures());
    }
    return new Keep();
  }

  static int threshold(Integer trigger, Integer workspaceDefault) {
    if (trigger != null) {
      return Math.max(trigger, 0);
    }
    return workspaceDefault == null ? 0 : Math.max(workspaceDefault, 0);
  }
}
