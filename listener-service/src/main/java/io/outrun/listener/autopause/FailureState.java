package io.outrun.listener.autopause;

/**
 * A trigger's failure streak as its document holds it, read after a failure was counted.
 *
 * @param type the trigger's type as stored (the metric's tag)
 * @param autoPauseAfterFailures the trigger's own threshold, or null to take the workspace's
 * @param autoPausedRunId the failed run whose count paused the trigger, if one did
 */
record FailureState(
    String triggerId,
    String workspaceId,
    String workflowId,
    String type,
    boolean enabled,
    long consecutiveFailures,
    Integer autoPauseAfterFailures,
    String autoPausedRunId,
    String lastError) {}
