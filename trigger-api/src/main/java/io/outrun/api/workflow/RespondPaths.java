package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * At most one {@code respond} node on any path: a webhook gets one answer, so a respond node from
 * which another can be reached is refused (naming the later one). Respond nodes on branches that
 * exclude each other (a condition's two sides) are allowed. A workflow without a webhook trigger
 * may hold one; it then answers nobody. Pure; the graph must be free of cycles.
 */
final class RespondPaths {

  static final String TYPE = "respond";

  private RespondPaths() {}

  static List<FieldProblem> check(Map<String, Node> byId, List<Edge> edges) {
    Map<String, List<String>> successors = new LinkedHashMap<>();
    edges.forEach(
        edge ->
            successors.computeIfAbsent(edge.source(), id -> new ArrayList<>()).add(edge.target()));
    List<FieldProblem> problems = new ArrayList<>();
    byId.values().stream()
        .filter(RespondPaths::responds)
        .forEach(
            node ->
                reachable(node.id(), successors).stream()
                    .filter(id -> responds(byId.get(id)))
                    .forEach(
                        later ->
                            problems.add(
                                new FieldProblem(
                                    WorkflowGraphValidator.nodeField(later),
                                    "a path may hold one respond node; '"
                                        + node.id()
                                        + "' answers before it"))));
    return problems;
  }

  private static boolean responds(Node node) {
    return node != null && TYPE.equals(node.type());
  }

  private static Set<String> reachable(String from, Map<String, List<String>> successors) {
    Set<String> seen = new HashSet<>();
    Deque<String> next = new ArrayDeque<>(successors.getOrDefault(from, List.of()));
    while (!next.isEmpty()) {
      String id = next.pop();
      if (seen.add(id)) {
        next.addAll(successors.getOrDefault(id, List.of()));
      }
    }
    return seen;
  }
}
