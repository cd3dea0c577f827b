package io.outrun.runner.node;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A tool an {@code ai_agent} offers its model: its {@link ToolSignature} and what calling it does.
 * {@link HttpTool} calls a URL; {@link WorkflowTool} runs another workflow of the workspace as a
 * child run, its outputs the result.
 */
interface AgentTool {

  /** What the model is told of it: its name, description and argument schema. */
  ToolSignature signature();

  /**
   * Calls the tool with arguments its schema accepted.
   *
   * @param callId the model's id of this tool call, unique within the step
   */
  Mono<ToolResult> call(NodeCall call, String callId, Map<String, Object> arguments);
}
