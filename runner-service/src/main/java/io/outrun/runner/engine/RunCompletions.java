package io.outrun.runner.engine;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunResponse;
import io.outrun.events.TriggerType;
import io.outrun.runner.node.RespondAnswers;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ended run as its {@link RunCompleted}: the same run always gives the same event. Pure.
 *
 * <p>Its {@code outputs} are those of the run's final steps that completed: the nodes no edge
 * leaves from, so a branch a condition did not take (its steps skipped) gives none. Its {@code
 * response} is what the run's completed {@code respond} step answered, if it has one (a deploy
 * allows at most one per path; should several have completed, the first recorded wins).
 */
final class RunCompletions {

  private RunCompletions() {}

  static RunCompleted of(RunDocument ended, List<String> finalNodeIds) {
    return RunCompleted.builder()
        .occurredAt(ended.finishedAt())
        .workflow(ended.workspaceId(), ended.workflowId(), ended.workflowVersion())
        .runId(ended.id())
        .test(ended.test())
        .status(RunOutcome.valueOf(ended.status().toUpperCase(Locale.ROOT)))
        .triggerType(TriggerType.fromWireName(ended.triggeredBy().type()))
        .startedAt(ended.startedAt())
        .finishedAt(ended.finishedAt())
        .durationMs(ended.durationMs() == null ? 0 : ended.durationMs())
        .error(ended.error())
        .chainDepth(ended.chainDepth())
        .outputs(outputs(ended, finalNodeIds))
        .triggerId(ended.triggeredBy().triggerId())
        .response(response(ended).orElse(null))
        .failedNodeId(failedNodeId(ended))
        .build();
  }

  private static Map<String, Object> outputs(RunDocument ended, List<String> finalNodeIds) {
    Set<String> finals = new HashSet<>(finalNodeIds); // a graph without edges: every node is final
    Map<String, Object> outputs = new LinkedHashMap<>();
    ended.steps().stream()
        .filter(StepDocument::completed)
        .filter(step -> finals.contains(step.nodeId()))
        .forEach(step -> outputs.put(step.nodeId(), step.output()));
    return outputs;
  }

  /** The first failed step's node, if a step failed the run. */
  private static String failedNodeId(RunDocument ended) {
    return ended.steps().stream()
        .filter(step -> StepDocument.FAILED.equals(step.status()))
        .map(StepDocument::nodeId)
        .findFirst()
        .orElse(null);
  }

  private static Optional<RunResponse> response(RunDocument ended) {
    return ended.steps().stream()
        .filter(StepDocument::completed)
        .filter(step -> RespondAnswers.TYPE.equals(step.nodeType()))
        .findFirst()
        .flatMap(step -> RespondAnswers.fromOutput(step.nodeId(), step.output()));
  }
}
