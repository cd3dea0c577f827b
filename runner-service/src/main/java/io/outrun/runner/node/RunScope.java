package io.outrun.runner.node;

import io.outrun.runner.expression.ExpressionContext;

/**
 * The run a node executes in, as a node that starts other runs needs it.
 *
 * @param chainDepth how many dependency or sub-workflow hops led to the run
 * @param test whether the run is a test run (the runs it starts are test runs too)
 */
public record RunScope(
    String workspaceId, String runId, String workflowId, int chainDepth, boolean test) {

  /** A run known only by its expression context (unit tests of nodes): no workspace, depth 0. */
  static RunScope of(ExpressionContext context) {
    return context == null
        ? new RunScope("", "", "", 0, false)
        : new RunScope("", context.runId(), context.workflowId(), 0, false);
  }
}
