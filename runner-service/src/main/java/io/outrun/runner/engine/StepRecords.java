package io.outrun.runner.engine;

import io.outrun.events.StepFinished;
import io.outrun.events.StepStatus;
import io.outrun.runner.node.NodeOutcome;
import io.outrun.runner.node.OutputCap;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Builds the stored step and its {@link StepFinished} event. Pure. */
final class StepRecords {

  private StepRecords() {}

  static StepDocument finished(
      Workflow.Node node, NodeAttempts.Attempted attempted, Instant startedAt, Instant now) {
    long durationMs = Duration.between(startedAt, now).toMillis();
    return switch (attempted.outcome()) {
      case NodeOutcome.Succeeded(Map<String, Object> input, Object output, var usage) ->
          new StepDocument(
              node.id(),
              node.type(),
              StepDocument.COMPLETED,
              attempted.attempts(),
              startedAt,
              durationMs,
              input,
              OutputCap.cap(output),
              null,
              usage(usage));
      case NodeOutcome.Failed(Map<String, Object> input, String error, var retry, var usage) ->
          new StepDocument(
              node.id(),
              node.type(),
              StepDocument.FAILED,
              attempted.attempts(),
              startedAt,
              durationMs,
              input,
              null,
              error,
              usage(usage));
    };
  }

  /** What the step used, as the run document stores it (the store adds it to the run's usage). */
  private static RunDocument.Usage usage(NodeUsage used) {
    return new RunDocument.Usage(
        used.aiTokensUsed(), used.estimatedCost(), used.webhooksCalled(), used.httpRequests());
  }

  /** A step that failed before any attempt (its settings are malformed). */
  static StepDocument refused(Workflow.Node node, String error, Instant now) {
    return new StepDocument(
        node.id(), node.type(), StepDocument.FAILED, 0, now, 0, node.data(), null, error, null);
  }

  /** A node none of whose incoming edges was taken: no attempt, no input, no output. */
  static StepDocument skipped(Workflow.Node node, Instant now) {
    return new StepDocument(
        node.id(), node.type(), StepDocument.SKIPPED, 0, now, 0, null, null, null, null);
  }

  /** The handle a settled step chose: a condition's {@code "true"} or {@code "false"}, or null. */
  static DagPlan.Settled settlement(StepDocument step) {
    if (step.skipped()) {
      return DagPlan.Settled.SKIPPED;
    }
    if ("condition".equals(step.nodeType())
        && step.output() instanceof Map<?, ?> output
        && output.get("result") instanceof Boolean result) {
      return DagPlan.Settled.ran(result.toString());
    }
    return DagPlan.Settled.ran(null);
  }

  static StepFinished event(RunDocument run, StepDocument step) {
    return StepFinished.of(
        step.startedAt().plusMillis(step.durationMs()),
        run.workspaceId(),
        run.workflowId(),
        run.id(),
        step.nodeId(),
        step.nodeType(),
        StepStatus.valueOf(step.status().toUpperCase(Locale.ROOT)),
        step.attempts(),
        step.durationMs(),
        step.error());
  }
}
