package io.outrun.nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code ai_agent} schema cannot say about its {@code data}: tool names are unique, and
 * {@code outputSchema} and each tool's {@code parameters} refer only within themselves ({@code
 * "$ref": "#/..."}), so the runner never fetches a schema. Pure. (A {@code workflow} tool's {@code
 * workflowId} is checked against the workspace by trigger-api, as a {@code sub_workflow}'s is.)
 */
final class AiAgentDataRule {

  static final String TYPE = "ai_agent";
  private static final int MAX_DEPTH = 32;

  private AiAgentDataRule() {}

  static List<NodeDataChecks.DataProblem> check(Object data) {
    List<NodeDataChecks.DataProblem> problems = new ArrayList<>();
    if (!(data instanceof Map<?, ?> map)) {
      return problems;
    }
    references("outputSchema", map.get("outputSchema"), problems, 0);
    if (map.get("tools") instanceof List<?> tools) {
      Set<Object> names = new HashSet<>();
      for (int i = 0; i < tools.size(); i++) {
        if (tools.get(i) instanceof Map<?, ?> tool) {
          String at = "tools." + i; // as the schema's problems name it
          if (tool.get("name") != null && !names.add(tool.get("name"))) {
            problems.add(
                new NodeDataChecks.DataProblem(
                    at + ".name", "another tool has the name " + tool.get("name")));
          }
          references(at + ".parameters", tool.get("parameters"), problems, 0);
        }
      }
    }
    return problems;
  }

  /** Adds a problem for the first {@code $ref} that leaves the schema, or for too deep nesting. */
  private static boolean references(
      String at, Object value, List<NodeDataChecks.DataProblem> problems, int depth) {
    if (depth > MAX_DEPTH) {
      problems.add(
          new NodeDataChecks.DataProblem(at, "nests deeper than " + MAX_DEPTH + " levels"));
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (("$ref".equals(entry.getKey()) || "$dynamicRef".equals(entry.getKey()))
            && !(entry.getValue() instanceof String ref && ref.startsWith("#"))) {
          problems.add(
              new NodeDataChecks.DataProblem(at, "may only refer within itself (\"#/...\")"));
          return true;
        }
        if (references(at, entry.getValue(), problems, depth + 1)) {
          return true;
        }
      }
    } else if (value instanceof List<?> items) {
      for (Object item : items) {
        if (references(at, item, problems, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }
}
