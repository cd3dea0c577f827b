package io.outrun.runner;

import io.outrun.bus.BusMetrics;
import io.outrun.service.metrics.MeterDoc;
import java.util.List;

/**
 * Metric names and tags of runner-service, in one place (the README's metrics table explains each).
 * Tags have small fixed sets of values, never a run id; a workflow id or model name only through
 * {@link #WORKFLOW} and {@link #MODEL}, bounded by {@code outrun.runner.metrics.max-workflows}.
 * {@link #DOCS} describes each meter (its HELP text and base unit).
 */
public final class RunnerMetrics {

  /**
   * Runs that began executing (moved from queued to running), tagged {@link #TRIGGER_TYPE}, {@link
   * #TEST}.
   */
  public static final String RUNS_STARTED = "outrun.runner.runs.started";

  /**
   * Runs this runner ended (finished), tagged {@link #OUTCOME}, {@link #TRIGGER_TYPE}, {@link
   * #TEST}, {@link #WORKFLOW}.
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
   * Runs whose workflow admitted them, waiting in their workspace's line of the fair queue (a
   * gauge), tagged {@link #WORKSPACE_CLASS}.
   */
  public static final String ADMISSION_WAITING = "outrun.runner.admission.waiting";

  /** Run requests this runner is handling (running or waiting for their turn), a gauge. */
  public static final String IN_FLIGHT = "outrun.runner.requests.in-flight";

  /**
   * From a run's start to its end, tagged {@link #WORKFLOW} and {@link #OUTCOME}, without histogram
   * buckets (count and sum: each workflow's mean), so a workflow costs a few series.
   */
  public static final String WORKFLOW_RUN_DURATION = "outrun.runner.workflow.run.duration";

  /**
   * AI tokens the recorded steps used (prompt and completion together), tagged {@link #NODE_TYPE},
   * {@link #MODEL}, {@link #WORKFLOW}.
   */
  public static final String AI_TOKENS = "outrun.runner.ai.tokens";

  /**
   * Estimated AI cost of the recorded steps, in US dollars, tagged {@link #NODE_TYPE}, {@link
   * #MODEL}, {@link #WORKFLOW}.
   */
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

  /**
   * Tag: the workflow id, for the first {@code outrun.runner.metrics.max-workflows} workflows this
   * runner meets, else {@link #OTHER}.
   */
  public static final String WORKFLOW = "workflow";

  /**
   * Tag: why a run waits in the fair queue: {@link #UNDER_QUOTA} (for a place in this runner) or
   * {@link #AT_QUOTA} (its workspace runs {@code outrun.quotas.concurrent-runs} already).
   */
  public static final String WORKSPACE_CLASS = "workspace_class";

  /** Tag value: the run's workspace is under its concurrent-runs quota. */
  public static final String UNDER_QUOTA = "under_quota";

  /** Tag value: the run's workspace is at its concurrent-runs quota. */
  public static final String AT_QUOTA = "at_quota";

  /** Tag: the model an AI step used, bounded as {@link #WORKFLOW} is. */
  public static final String MODEL = "model";

  /** Tag value for a node or trigger type outside the known set. */
  public static final String UNKNOWN = "unknown";

  /** Tag value for a workflow or model beyond the bound. */
  public static final String OTHER = "other";

  /** What each meter measures: Prometheus' HELP text and the base unit. */
  public static final List<MeterDoc> DOCS =
      List.of(
          MeterDoc.count(RUNS_STARTED, "Runs that began executing (queued to running)"),
          MeterDoc.of(RUNS, "runs", "Runs this runner ended, by outcome"),
          MeterDoc.of(RUN_DURATION, "seconds", "From a run's start to its end"),
          MeterDoc.of(
              WORKFLOW_RUN_DURATION, "seconds", "From a run's start to its end, per workflow"),
          MeterDoc.of(QUEUE_WAIT, "seconds", "From a run's request to its start"),
          MeterDoc.of(STEPS, "steps", "Steps recorded, by node type and outcome"),
          MeterDoc.of(STEP_DURATION, "seconds", "From a step's first attempt to its end"),
          MeterDoc.of(STEP_ATTEMPTS, "attempts", "Attempts a step took"),
          MeterDoc.of(RETRIES, "retries", "Step attempts beyond the first"),
          MeterDoc.count(RUNS_RECORDED, "Run requests recorded as queued runs on arrival"),
          MeterDoc.count(RUNS_WAITING, "Runs waiting for their workflow's concurrency limit"),
          MeterDoc.count(
              ADMISSION_WAITING, "Runs waiting in the fair queue, by why their workspace waits"),
          MeterDoc.count(IN_FLIGHT, "Run requests this runner is handling"),
          MeterDoc.of(AI_TOKENS, "tokens", "AI tokens used (prompt and completion)"),
          MeterDoc.of(AI_COST, "usd", "Estimated AI cost in US dollars"));

  private RunnerMetrics() {}
}
