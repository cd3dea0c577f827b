package io.outrun.runner.node;

import io.outrun.runner.subflow.ChildOutcome;
import io.outrun.runner.subflow.ChildWorkflows;
import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * An agent's workflow tool: runs the active workflow {@code workflowId} of the run's workspace as a
 * child run with the call's arguments as its {@code $trigger}, and waits for it (within {@code
 * timeoutMs}, else the sub-workflow default). Each tool call is a child of its own, named by the
 * step's attempt and the model's call id ({@link io.outrun.runner.subflow.Parent#call}), so the
 * same call executed again finds its child rather than starting another. The model sees {@code
 * {runId, outputs}} as {@code sub_workflow} gives them, or {@code {error}} for a failed, cancelled,
 * refused or late child.
 */
final class WorkflowTool implements AgentTool {

  /**
   * Call ids that may name a child run; longer or stranger ones are refused as the call's result.
   */
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  /** The tool as configured. */
  record Spec(ToolSignature signature, String workflowId, Duration timeout) {}

  private final Spec spec;
  private final ChildWorkflows children;

  WorkflowTool(Spec spec, ChildWorkflows children) {
    this.spec = spec;
    this.children = children;
  }

  @Override
  public ToolSignature signature() {
    return spec.signature();
  }

  @Override
  public Mono<ToolResult> call(NodeCall call, String callId, Map<String, Object> arguments) {
    if (!CALL_ID.matcher(callId).matches()) {
      return Mono.just(
          ToolResult.error("the tool call's id must be 1 to 128 letters, digits, _ . : or -"));
    }
    return children
        .run(
            SubWorkflowNode.parentOf(call).call(callId),
            spec.workflowId(),
            arguments,
            true,
            spec.timeout())
        .map(WorkflowTool::result);
  }

  private static ToolResult result(ChildOutcome outcome) {
    if (outcome instanceof ChildOutcome.Completed completed) {
      return new ToolResult(SubWorkflowNode.output(completed), false, NodeUsage.NONE);
    }
    return ToolResult.error(outcome.problem().orElse("the sub-workflow was not waited for"));
  }
}
