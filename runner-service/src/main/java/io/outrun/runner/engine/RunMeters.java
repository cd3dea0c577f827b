package io.outrun.runner.engine;

import static io.outrun.runner.RunnerMetrics.MODEL;
import static io.outrun.runner.RunnerMetrics.NODE_TYPE;
import static io.outrun.runner.RunnerMetrics.OUTCOME;
import static io.outrun.runner.RunnerMetrics.TEST;
import static io.outrun.runner.RunnerMetrics.TRIGGER_TYPE;
import static io.outrun.runner.RunnerMetrics.WORKFLOW;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.outrun.events.TriggerType;
import io.outrun.runner.RunnerMetrics;
import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Records the runner's metrics (names in {@link RunnerMetrics}). Timers publish percentile
 * histograms (Prometheus {@code _bucket} series, for {@code histogram_quantile} in Grafana) bounded
 * to the range their durations fall in, so each keeps a few dozen buckets. Tag values come from
 * fixed sets: a node or trigger type outside them is {@code unknown}; workflow ids and model names
 * are bounded ({@link BoundedTag}). The per-workflow duration has no buckets: a histogram per
 * workflow would be hundreds of series each.
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
class RunMeters {

  private static final Set<String> TRIGGER_TYPES =
      Arrays.stream(TriggerType.values())
          .map(TriggerType::wireName)
          .collect(Collectors.toUnmodifiableSet());

  private record Range(Duration min, Duration max) {}

  private static final Range RUN_RANGE = new Range(Duration.ofMillis(10), Duration.ofHours(4));
  private static final Range QUEUE_RANGE = new Range(Duration.ofMillis(1), Duration.ofHours(1));
  // a delay node waits up to an hour
  private static final Range STEP_RANGE = new Range(Duration.ofMillis(1), Duration.ofHours(1));

  private final MeterRegistry meters;
  private final Predicate<String> knownNodeType;
  private final BoundedTag workflows;
  private final BoundedTag models;

  RunMeters(MeterRegistry meters, NodeExecutors nodes, MetricsProperties properties) {
    this.meters = meters;
    this.knownNodeType = nodes::supports;
    this.workflows = new BoundedTag(properties.maxWorkflows());
    this.models = new BoundedTag(properties.maxWorkflows());
  }

  /** A queued run has just started: counts it and how long it waited since its request. */
  void started(RunDocument run) {
    String trigger = triggerType(run);
    meters.counter(RunnerMetrics.RUNS_STARTED, TRIGGER_TYPE, trigger, TEST, test(run)).increment();
    if (run.queuedAt() != null && run.startedAt() != null) {
      Duration waited = Duration.between(run.queuedAt(), run.startedAt());
      // a producer's clock ahead of ours would make it negative
      timer(RunnerMetrics.QUEUE_WAIT, QUEUE_RANGE, Tags.of(TRIGGER_TYPE, trigger))
          .record(waited.isNegative() ? Duration.ZERO : waited);
    }
  }

  /** This runner has just ended the run. */
  void ended(RunDocument run) {
    String trigger = triggerType(run);
    String workflow = workflows.of(run.workflowId());
    meters
        .counter(
            RunnerMetrics.RUNS,
            Tags.of(OUTCOME, run.status(), TRIGGER_TYPE, trigger, TEST, test(run))
                .and(WORKFLOW, workflow))
        .increment();
    Duration took = Duration.ofMillis(run.durationMs() == null ? 0 : run.durationMs());
    timer(
            RunnerMetrics.RUN_DURATION,
            RUN_RANGE,
            Tags.of(OUTCOME, run.status(), TRIGGER_TYPE, trigger))
        .record(took);
    meters
        .timer(RunnerMetrics.WORKFLOW_RUN_DURATION, OUTCOME, run.status(), WORKFLOW, workflow)
        .record(took);
  }

  /** A step has just been recorded: its outcome, duration, attempts and AI usage. */
  void stepRecorded(RunDocument run, StepDocument step) {
    String type = nodeType(step);
    meters.counter(RunnerMetrics.STEPS, OUTCOME, step.status(), NODE_TYPE, type).increment();
    if (step.skipped()) {
      return;
    }
    timer(RunnerMetrics.STEP_DURATION, STEP_RANGE, Tags.of(OUTCOME, step.status(), NODE_TYPE, type))
        .record(Duration.ofMillis(step.durationMs()));
    meters.summary(RunnerMetrics.STEP_ATTEMPTS, NODE_TYPE, type).record(step.attempts());
    if (step.attempts() > 1) {
      meters.counter(RunnerMetrics.RETRIES, NODE_TYPE, type).increment(step.attempts() - 1);
    }
    RunDocument.Usage used = step.usage();
    if (used.aiTokensUsed() > 0 || used.estimatedCost() > 0) {
      Tags tags =
          Tags.of(NODE_TYPE, type, MODEL, models.of(model(step)))
              .and(WORKFLOW, workflows.of(run.workflowId()));
      meters.counter(RunnerMetrics.AI_TOKENS, tags).increment(used.aiTokensUsed());
      meters.counter(RunnerMetrics.AI_COST, tags).increment(used.estimatedCost());
    }
  }

  /** The model an AI step's answer names ({@code output.model}), else {@code unknown}. */
  private static String model(StepDocument step) {
    return step.output() instanceof Map<?, ?> output && output.get("model") instanceof String m
        ? m
        : RunnerMetrics.UNKNOWN;
  }

  private Timer timer(String name, Range range, Tags tags) {
    return Timer.builder(name)
        .tags(tags)
        .publishPercentileHistogram()
        .minimumExpectedValue(range.min())
        .maximumExpectedValue(range.max())
        .register(meters);
  }

  private String nodeType(StepDocument step) {
    String type = step.nodeType();
    return type != null && knownNodeType.test(type) ? type : RunnerMetrics.UNKNOWN;
  }

  private static String triggerType(RunDocument run) {
    String type = run.triggeredBy() == null ? null : run.triggeredBy().type();
    return type != null && TRIGGER_TYPES.contains(type) ? type : RunnerMetrics.UNKNOWN;
  }

  private static String test(RunDocument run) {
    return Boolean.toString(run.test());
  }
}
