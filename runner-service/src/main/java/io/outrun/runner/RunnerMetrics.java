package io.outrun.runner;

/** Metric names and tags of runner-service, in one place. Tags never carry ids. */
public final class RunnerMetrics {

  /** Runs that reached a final state, tagged with {@link #OUTCOME}. */
  public static final String RUNS = "outrun.runner.runs";

  /** From a run's start to its end, tagged with {@link #OUTCOME}. */
  public static final String RUN_DURATION = "outrun.runner.run.duration";

  /**
   * Steps recorded, tagged with {@link #OUTCOME} (completed, failed, skipped) and {@link
   * #NODE_TYPE}.
   */
  public static final String STEPS = "outrun.runner.steps";

  /**
   * From a step's first attempt to its end, tagged with {@link #OUTCOME} and {@link #NODE_TYPE}.
   */
  public static final String STEP_DURATION = "outrun.runner.step.duration";

  /** Attempts a step took, tagged with {@link #NODE_TYPE}. */
  public static final String STEP_ATTEMPTS = "outrun.runner.step.attempts";

  /** Attempts beyond a step's first, tagged with {@link #NODE_TYPE}. */
  public static final String RETRIES = "outrun.runner.retries";

  /** Runs waiting for their workflow's {@code settings.concurrency} (a gauge). */
  public static final String RUNS_WAITING = "outrun.runner.runs.waiting";

  /** Tag: the node type (a small fixed set). */
  public static final String NODE_TYPE = "node_type";

  /** Tag: completed, failed or cancelled (runs); completed, failed or skipped (steps). */
  public static final String OUTCOME = "outcome";

  private RunnerMetrics() {}
}
