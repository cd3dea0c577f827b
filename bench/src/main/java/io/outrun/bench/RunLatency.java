package io.outrun.bench;

/** One user request timed end to end, as the latency benchmarks time them. */
final class RunLatency {

  private RunLatency() {}

  /** How long a run may take before it counts as failed. */
  private static final long PATIENCE_NANOS = 60_000_000_000L;

  /**
   * Milliseconds from {@code POST /api/workflows/{id}/runs} until {@code GET /api/runs/{id}} shows
   * the run completed, polling every 2 ms; a run not completed within 60 s fails.
   */
  static double time(OutrunApi api, String workflowId) throws Exception {
    long start = System.nanoTime();
    String runId = api.startRun(workflowId);
    while (System.nanoTime() - start < PATIENCE_NANOS) {
      String status = api.status(runId);
      if (status.equals("completed")) {
        return (System.nanoTime() - start) / 1e6;
      }
      if (status.equals("failed")) {
        throw new IllegalStateException("run " + runId + " failed");
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("run " + runId + " did not complete within 60 s");
  }

  /** Milliseconds {@code GET /api/workflows} takes to answer 200. */
  static double list(OutrunApi api) throws Exception {
    long start = System.nanoTime();
    int status = api.listWorkflows();
    if (status != 200) {
      throw new IllegalStateException("GET /api/workflows answered " + status);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Archives a workflow; the milliseconds it took. */
  static double archive(OutrunApi api, String workflowId) throws Exception {
    long start = System.nanoTime();
    api.archiveWorkflow(workflowId);
    return (System.nanoTime() - start) / 1e6;
  }
}
