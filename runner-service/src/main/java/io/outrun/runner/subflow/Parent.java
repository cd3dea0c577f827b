package io.outrun.runner.subflow;

/**
 * The run and node that start a child run, and which attempt at the node this is: together they
 * name the child (its request's event id is derived from them), so the same attempt executed again
 * (after a runner restart) names the same child run.
 *
 * @param chainDepth the parent run's chain depth; the child's is one more
 * @param test whether the parent is a test run (the child is one too: no stats, no dependents)
 */
public record Parent(
    String workspaceId, String runId, String nodeId, int attempt, int chainDepth, boolean test) {}
