package io.outrun.runner.node;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent's final answer read against its {@code outputSchema}: a JSON object (a Markdown code
 * fence around it is tolerated) whose fields become the step's output, or the problems to send back
 * to the model (or to fail the step with). Pure; CPU work, for the expression threads.
 */
sealed interface StructuredAnswer {

  record Valid(Map<String, Object> fields) implements StructuredAnswer {}

  record Invalid(String problems) implements StructuredAnswer {}

  JsonMapper JSON = JsonMapper.builder().build();

  @SuppressWarnings("unchecked")
  static StructuredAnswer check(String text, JsonSchemaCheck schema) {
    JsonNode answer;
    try {
      answer = JSON.readTree(unfenced(text));
    } catch (JacksonException e) {
      return new Invalid("the answer is not JSON");
    }
    if (answer == null || !answer.isObject()) {
      return new Invalid("the answer must be a JSON object");
    }
    List<String> problems = schema.problems(answer);
    return problems.isEmpty()
        ? new Valid(JSON.convertValue(answer, Map.class))
        : new Invalid(String.join("; ", problems));
  }

  /** The message that asks the model to correct an invalid answer. */
  static Map<String, Object> correction(Invalid invalid) {
    return Map.of(
        "role",
        "user",
        "content",
        "Your answer does not match the required JSON Schema: "
            + invalid.problems()
            + ". Answer again with only the corrected JSON object.");
  }

  private static String unfenced(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("```") && trimmed.endsWith("```") && trimmed.length() >= 6) {
      String inner = trimmed.substring(3, trimmed.length() - 3);
      int newline = inner.indexOf('\n');
      return newline >= 0 ? inner.substring(newline + 1) : inner;
    }
    return trimmed;
  }
}
