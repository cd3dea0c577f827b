package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.input.ApiLimits;
import io.outrun.api.input.DefinitionJson;
import io.outrun.api.input.DefinitionJson.DollarKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a saved workflow may hold, checked on every save before anything else: its size in nodes,
 * edges and characters ({@link ApiLimits}), and keys that cannot mean anything ({@link
 * DefinitionJson}): none in node data, and no {@code $} keys in settings either. Fields are named
 * by position ({@code nodes[2].data.headers.X}), as the JSON reader names them, since a node's id
 * may be what is wrong. Pure: no Spring, no I/O.
 */
final class WorkflowInputRule {

  private WorkflowInputRule() {}

  static List<FieldProblem> check(
      String name,
      List<Node> nodes,
      List<Edge> edges,
      Map<String, Object> settings,
      ApiLimits limits) {
    List<FieldProblem> problems = new ArrayList<>();
    tooLong(problems, "name", name, limits.maxNameLength());
    if (nodes.size() > limits.maxNodes()) {
      problems.add(tooMany("nodes", nodes.size(), limits.maxNodes()));
    }
    if (edges.size() > limits.maxEdges()) {
      problems.add(tooMany("edges", edges.size(), limits.maxEdges()));
    }
    if (!problems.isEmpty()) {
      return problems; // too big to look at node by node
    }
    for (int i = 0; i < nodes.size(); i++) {
      checkNode("nodes[" + i + "]", nodes.get(i), limits, problems);
    }
    for (int i = 0; i < edges.size(); i++) {
      checkEdge("edges[" + i + "]", edges.get(i), limits.maxIdLength(), problems);
    }
    DefinitionJson.check("settings", settings, DollarKeys.REFUSED, problems);
    return problems;
  }

  private static void checkNode(
      String field, Node node, ApiLimits limits, List<FieldProblem> problems) {
    if (node == null) {
      problems.add(new FieldProblem(field, "must be an object"));
      return;
    }
    tooLong(problems, field + ".id", node.id(), limits.maxIdLength());
    tooLong(problems, field + ".type", node.type(), limits.maxIdLength());
    DefinitionJson.check(field + ".data", node.data(), DollarKeys.ALLOWED, problems);
  }

  private static void checkEdge(String field, Edge edge, int max, List<FieldProblem> problems) {
    if (edge == null) {
      problems.add(new FieldProblem(field, "must be an object"));
      return;
    }
    tooLong(problems, field + ".id", edge.id(), max);
    tooLong(problems, field + ".source", edge.source(), max);
    tooLong(problems, field + ".target", edge.target(), max);
    tooLong(problems, field + ".sourceHandle", edge.sourceHandle(), max);
    tooLong(problems, field + ".targetHandle", edge.targetHandle(), max);
  }

  private static void tooLong(List<FieldProblem> problems, String field, String text, int max) {
    if (text != null && text.length() > max) {
      problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
    }
  }

  private static FieldProblem tooMany(String field, int count, int max) {
    return new FieldProblem(field, "at most " + max + " are allowed; this workflow has " + count);
  }
}
