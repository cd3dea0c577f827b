package io.outrun.runner.node;

import java.util.Map;

/**
 * What the model is told of an {@link AgentTool}: its name (unique among a step's tools), what it
 * is for, and the JSON Schema of its arguments. Every kind of tool is offered the same way, so this
 * is read from {@code data.tools} once for all kinds by {@link AgentTools}.
 *
 * @param parameters the JSON Schema of its arguments, checked before every call
 */
record ToolSignature(String name, String description, JsonSchemaCheck parameters) {

  /** The entry of the chat request's {@code tools} (OpenAI's function-tool shape). */
  Map<String, Object> definition() {
    return Map.of(
        "type",
        "function",
        "function",
        Map.of("name", name, "description", description, "parameters", parameters.source()));
  }
}
