package io.outrun.runner.node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What expressions of one step can see: {@code $trigger} (the trigger payload, also the context
 * {@code $}), {@code $steps.<nodeId>.output} and {@code $run} ({@code id}, {@code workflowId}).
 *
 * @param stepOutputs outputs of the run's completed steps, by node id
 */
public record ExpressionContext(
    Map<String, Object> trigger, Map<String, Object> stepOutputs, String runId, String workflowId) {

  public ExpressionContext {
    trigger = trigger == null ? Map.of() : trigger;
    stepOutputs = stepOutputs == null ? Map.of() : stepOutputs;
  }

  Map<String, Object> steps() {
    Map<String, Object> steps = new LinkedHashMap<>();
    stepOutputs.forEach(
        (nodeId, output) -> {
          Map<String, Object> step = new LinkedHashMap<>();
          step.put("output", output);
          steps.put(nodeId, step);
        });
    return steps;
  }

  Map<String, Object> run() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", runId);
    run.put("workflowId", workflowId);
    return run;
  }
}
