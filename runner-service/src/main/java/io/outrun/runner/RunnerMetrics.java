package io.outrun.runner;

import io.outrun.bus.BusMetrics;

/**
 * Metric names and tags of runner-service, in one place (the README's metrics table explains each).
 * Tags have small fixed sets of values: never a workflow or run id, a model name or anything else a
 * workflow author chooses.
 */
public final class RunnerMetrics {

  /**
   * Runs that began executing (moved from queued to running), tagged {@link #TRIGGER_TYPE}, {@link
   * #TEST}.
   */
  public static final String RUNS_STARTED = "outrun.runner.runs.started";

  /**
   * Runs this runner ended (finished), tagged {@link #OUTCOME}, {@link #TRIGGER_TYPE}, {@link
   * #TEST}.
   */
  public static final String RUNS = "outrun.runner.runs";

  /** From a run's start to its end, tagged {@link #OUTCOME} and {@link #TRIGGER_TYPE}. */
  public static final String RUN_DURATION = "outrun.runner.run.duration";

  /**
   * From a run's request ({@code queuedAt}) to its start, tagged {@link #TRIGGER_TYPE}; recorded
   * when a queued run starts, not when a running one is resumed.
   */
  public static final String QUEUE_WAIT = "outrun.runner.queue.wait";

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

  /** Run requests whose run was recorded as queued when they arrived on Kafka. */
  public static final String RUNS_RECORDED = "outrun.runner.runs.recorded";

  /** Runs waiting for their workflow's {@code settings.concurrency} (a gauge). */
  public static final String RUNS_WAITING = "outrun.runner.runs.waiting";

  /**
   * AI tokens the recorded steps used (prompt and completion together), tagged {@link #NODE_TYPE}.
   */
  public static final String AI_TOKENS = "outrun.runner.ai.tokens";

  /** Estimated AI cost of the recorded steps, in US dollars, tagged {@link #NODE_TYPE}. */
  public static final String AI_COST = "outrun.runner.ai.cost";

  /**
   * Records the event bus sent to a dead-letter topic (unreadable run requests here), tagged {@link
   * #TOPIC}; counted by event-bus's consumer, named here so every name is in one place.
   */
  public static final String DEAD_LETTERS = BusMetrics.DEAD_LETTERED;

  /** Tag: the node type, one of the types this runner executes, else {@code unknown}. */
  public static final String NODE_TYPE = "node_type";

  /** Tag: completed, failed or cancelled (runs); completed, failed or skipped (steps). */
  public static final String OUTCOME = "outcome";

  /** Tag: manual, webhook, schedule, data_change or dependency ({@code unknown} otherwise). */
  public static final String TRIGGER_TYPE = "trigger_type";

  /** Tag: {@code true} for a test run of a draft, else {@code false}. */
  public static final String TEST = "test";

  /** Tag: the topic a dead-lettered record came from. */
  public static final String TOPIC = "topic";

  /** Tag value for a node or trigger type outside the known set. */
  public static final String UNKNOWN = "unknown";

  private RunnerMetrics() {}
}
