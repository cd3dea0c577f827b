package io.outrun.runner.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@code ai_agent} may do beyond one completion: the tools it offers the model, the most
 * model calls of its tool loop ({@code maxIterations}, 1 to 50, default 10) and the JSON Schema its
 * answer must match ({@code outputSchema}).
 */
record AgentSettings(
    List<AgentTool> tools, int maxIterations, Optional<JsonSchemaCheck> outputSchema) {

  static final int DEFAULT_ITERATIONS = 10;
  static final int MAX_ITERATIONS = 50;

  AgentSettings {
    tools = List.copyOf(tools);
  }

  /** Reads them from the node's {@code data}; a problem is an {@link IllegalArgumentException}. */
  static AgentSettings of(Map<String, Object> data, AgentTools tools) {
    return new AgentSettings(
        tools.of(data.get("tools")),
        iterations(data.get("maxIterations")),
        Optional.ofNullable(data.get("outputSchema"))
            .map(schema -> JsonSchemaCheck.of("outputSchema", schema)));
  }

  private static int iterations(Object value) {
    if (value == null) {
      return DEFAULT_ITERATIONS;
    }
    if (value instanceof Number number
        && number.doubleValue() == Math.floor(number.doubleValue())
        && number.doubleValue() >= 1
        && number.doubleValue() <= MAX_ITERATIONS) {
      return number.intValue();
    }
    throw new IllegalArgumentException(
        "maxIterations must be a whole number from 1 to " + MAX_ITERATIONS);
  }

  /** The chat request's body for these messages: with the tools and the answer's format. */
  Map<String, Object> request(String model, List<Object> messages, boolean responseFormat) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("messages", messages);
    if (!tools.isEmpty()) {
      body.put("tools", tools.stream().map(tool -> tool.signature().definition()).toList());
    }
    outputSchema
        .filter(schema -> responseFormat)
        .ifPresent(
            schema ->
                body.put(
                    "response_format",
                    Map.of(
                        "type",
                        "json_schema",
                        "json_schema",
                        Map.of("name", "output", "schema", schema.source()))));
    return body;
  }
}
