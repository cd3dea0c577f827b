package io.outrun.runner;

/** Metric names and tags of runner-service, in one place. Tags never carry ids. */
public final class RunnerMetrics {

  /** Runs that reached a final state, tagged with {@link #OUTCOME}. */
  public static final String RUNS = "outrun.runner.runs";

  /** From a run's start to its end, tagged with {@link #OUTCOME}. */
  public static final String RUN_DURATION = "outrun.runner.run.duration";

  /** Tag: completed, failed or cancelled. */
  public static final String OUTCOME = "outcome";

  private RunnerMetrics() {}
}
