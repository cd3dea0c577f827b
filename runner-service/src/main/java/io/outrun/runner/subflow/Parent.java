package io.outrun.runner.subflow;

/**
 * The run and node that start a child run, and which attempt at the node this is: together they
 * name the child (its request's event id is derived from them), so the same attempt executed again
 * (after a runner restart) names the same child run.
 *
 * @param nodeId the node starting the child; a node that starts several children in one attempt
 *     names each call apart ({@link #call})
 * @param chainDepth the parent run's chain depth; the child's is one more
 * @param test whether the parent is a test run (the child is one too: no stats, no dependents)
 */
public record Parent(
    String workspaceId, String runId, String nodeId, int attempt, int chainDepth, boolean test) {

  /**
   * The same parent for call {@code callId} of its node (an AI agent's second tool call: {@code
   * "2"}): a child of its own, {@code <nodeId>/<callId>}, stable as long as the call's id is.
   */
  public Parent call(String callId) {
    return new Parent(workspaceId, runId, nodeId + "/" + callId, attempt, chainDepth, test);
  }
}
