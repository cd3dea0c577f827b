package io.outrun.runner.node;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A tool an {@code ai_agent} offers its model: its name, the JSON Schema of its arguments, and what
 * calling it does. {@link HttpTool} calls a URL; {@link WorkflowTool} runs another workflow of the
 * workspace as a child run, its outputs the result.
 */
interface AgentTool {

  String name();

  String description();

  /** The JSON Schema of its arguments, checked before every call. */
  JsonSchemaCheck parameters();

  /**
   * Calls the tool with arguments its schema accepted.
   *
   * @param callId the model's id of this tool call, unique within the step
   */
  Mono<ToolResult> call(NodeCall call, String callId, Map<String, Object> arguments);

  /** The entry of the chat request's {@code tools} (OpenAI's function-tool shape). */
  default Map<String, Object> definition() {
    return Map.of(
        "type",
        "function",
        "function",
        Map.of("name", name(), "description", description(), "parameters", parameters().source()));
  }
}
