package io.outrun.runner.node;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Schema (draft 2020-12) from a node's {@code data} (an {@code ai_agent}'s {@code
 * outputSchema} or a tool's {@code parameters}), compiled once per step, and the problems of a
 * value by it as {@code path: message} lines. A schema may only refer within itself ({@code "$ref":
 * "#/..."}): nothing is ever fetched. Validation is CPU work: callers run it on the expression
 * threads.
 */
final class JsonSchemaCheck {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final int MAX_PROBLEMS = 5;
  private static final int MAX_DEPTH = 32;

  private final Map<String, Object> source;
  private final Schema schema;

  private JsonSchemaCheck(Map<String, Object> source, Schema schema) {
    this.source = source;
    this.schema = schema;
  }

  /**
   * Compiles {@code value} (a JSON object) as a schema; {@code field} names it in the error.
   *
   * @throws IllegalArgumentException when it is not an object, refers outside itself, or does not
   *     compile
   */
  @SuppressWarnings("unchecked")
  static JsonSchemaCheck of(String field, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(field + " must be a JSON Schema object");
    }
    refusesOutsideReferences(field, map, 0);
    try {
      return new JsonSchemaCheck(
          (Map<String, Object>) map, REGISTRY.getSchema(JSON.valueToTree(map)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + " is not a valid JSON Schema: " + e.getMessage());
    }
  }

  private static void refusesOutsideReferences(String field, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(field + " nests deeper than " + MAX_DEPTH + " levels");
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, item) -> {
            if (("$ref".equals(key) || "$dynamicRef".equals(key))
                && !(item instanceof String ref && ref.startsWith("#"))) {
              throw new IllegalArgumentException(
                  field + " may only refer within itself (\"$ref\": \"#/...\")");
            }
            refusesOutsideReferences(field, item, depth + 1);
          });
    } else if (value instanceof List<?> items) {
      items.forEach(item -> refusesOutsideReferences(field, item, depth + 1));
    }
  }

  /** The schema as written, for the request to the model. */
  Map<String, Object> source() {
    return source;
  }

  /** The problems of {@code value}, at most five, empty when it is valid. */
  List<String> problems(JsonNode value) {
    return schema.validate(value).stream().limit(MAX_PROBLEMS).map(JsonSchemaCheck::line).toList();
  }

  private static String line(Error error) {
    String at = error.getInstanceLocation().toString();
    String message = error.getMessage() == null ? "is invalid" : error.getMessage();
    return message.startsWith(at) ? message : at + ": " + message;
  }
}
