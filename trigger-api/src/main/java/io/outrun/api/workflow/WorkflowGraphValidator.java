package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a workflow must pass before it is deployed: every edge joins existing nodes, no node
 * is left unconnected, there is no cycle, no path holds two {@code respond} nodes ({@link
 * RespondPaths}), and every node has a known type and the settings its type needs ({@link
 * NodeSettingsRule}). Reports every problem at once, each naming its node or edge. Pure: no Spring,
 * no I/O.
 */
public final class WorkflowGraphValidator {

  /** A validator, the node type schemas loaded (so not later, on a request's thread). */
  public WorkflowGraphValidator() {
    NodeSettingsRule.load();
  }

  public List<FieldProblem> validate(List<Node> nodes, List<Edge> edges) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, Node> byId = indexNodes(nodes, problems);
    List<Edge> joined = checkEdges(edges, byId, problems);
    checkOrphans(byId, edges, problems);
    List<FieldProblem> cycles = new CycleFinder(byId.keySet(), joined).cycles();
    problems.addAll(cycles);
    if (cycles.isEmpty()) {
      problems.addAll(RespondPaths.check(byId, joined));
    }
    byId.values().forEach(node -> problems.addAll(NodeSettingsRule.check(node)));
    return List.copyOf(problems);
  }

  private static Map<String, Node> indexNodes(List<Node> nodes, List<FieldProblem> problems) {
    Map<String, Node> byId = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (byId.putIfAbsent(node.id(), node) != null) {
        problems.add(new FieldProblem(nodeField(node.id()) + ".id", "duplicate node id"));
      }
    }
    return byId;
  }

  private static List<Edge> checkEdges(
      List<Edge> edges, Map<String, Node> byId, List<FieldProblem> problems) {
    List<Edge> joined = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      Edge edge = edges.get(i);
      String field = "edges[" + (edge.id() == null ? String.valueOf(i) : edge.id()) + "]";
      boolean sourceExists = byId.containsKey(edge.source());
      boolean targetExists = byId.containsKey(edge.target());
      if (!sourceExists) {
        problems.add(missingNode(field + ".source", edge.source()));
      }
      if (!targetExists) {
        problems.add(missingNode(field + ".target", edge.target()));
      }
      if (sourceExists && targetExists) {
        joined.add(edge);
      }
    }
    return joined;
  }

  private static void checkOrphans(
      Map<String, Node> byId, List<Edge> edges, List<FieldProblem> problems) {
    if (byId.size() <= 1) {
      return;
    }
    Set<String> connected = new HashSet<>();
    edges.forEach(
        edge -> {
          connected.add(edge.source());
          connected.add(edge.target());
        });
    byId.keySet().stream()
        .filter(id -> !connected.contains(id))
        .forEach(
            id ->
                problems.add(
                    new FieldProblem(nodeField(id), "node is not connected to any other node")));
  }

  private static FieldProblem missingNode(String field, String nodeId) {
    return new FieldProblem(field, "node '" + nodeId + "' does not exist");
  }

  static String nodeField(String nodeId) {
    return "nodes[" + nodeId + "]";
  }

  /** Depth-first search; each back edge closes one cycle, reported at the node it returns to. */
  private static final class CycleFinder {

    private final Map<String, List<String>> successors = new LinkedHashMap<>();
    private final Set<String> done = new HashSet<>();
    private final LinkedHashSet<String> path = new LinkedHashSet<>();
    private final List<FieldProblem> cycles = new ArrayList<>();

    CycleFinder(Set<String> nodeIds, List<Edge> edges) {
      nodeIds.forEach(id -> successors.put(id, new ArrayList<>()));
      edges.forEach(edge -> successors.get(edge.source()).add(edge.target()));
    }

    List<FieldProblem> cycles() {
      successors.keySet().forEach(this::visit);
      return cycles;
    }

    private void visit(String node) {
      if (done.contains(node)) {
        return;
      }
      path.add(node);
      for (String next : successors.get(node)) {
        if (path.contains(next)) {
          cycles.add(describe(next));
        } else {
          visit(next);
        }
      }
      path.remove(node);
      done.add(node);
    }

    private FieldProblem describe(String start) {
      List<String> loop = new ArrayList<>(path);
      List<String> cycle = new ArrayList<>(loop.subList(loop.indexOf(start), loop.size()));
      cycle.add(start);
      return new FieldProblem(nodeField(start), "cycle: " + String.join(" -> ", cycle));
    }
  }
}
