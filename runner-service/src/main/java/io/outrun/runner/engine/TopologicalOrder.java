package io.outrun.runner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Orders a workflow's nodes so every node comes after the nodes it depends on (Kahn's algorithm).
 * Among nodes that are ready at the same time, the one earlier in the nodes array goes first, so
 * the order is stable. Pure: no Spring, no I/O.
 */
final class TopologicalOrder {

  private TopologicalOrder() {}

  sealed interface Result {}

  record Ordered(List<Workflow.Node> nodes) implements Result {}

  record Invalid(String reason) implements Result {}

  static Result of(Workflow workflow) {
    List<Workflow.Node> nodes = workflow.nodes();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (index.putIfAbsent(nodes.get(i).id(), i) != null) {
        return new Invalid("the workflow has two nodes with id " + nodes.get(i).id());
      }
    }
    List<List<Integer>> successors = new ArrayList<>();
    nodes.forEach(node -> successors.add(new ArrayList<>()));
    int[] inDegree = new int[nodes.size()];
    for (Workflow.Edge edge : workflow.edges()) {
      Integer source = index.get(edge.source());
      Integer target = index.get(edge.target());
      if (source == null || target == null) {
        return new Invalid(
            "an edge from " + edge.source() + " to " + edge.target() + " names an unknown node");
      }
      successors.get(source).add(target);
      inDegree[target]++;
    }
    return kahn(nodes, successors, inDegree);
  }

  private static Result kahn(
      List<Workflow.Node> nodes, List<List<Integer>> successors, int[] inDegree) {
    TreeSet<Integer> ready = new TreeSet<>();
    for (int i = 0; i < inDegree.length; i++) {
      if (inDegree[i] == 0) {
        ready.add(i);
      }
    }
    List<Workflow.Node> ordered = new ArrayList<>(nodes.size());
    while (!ready.isEmpty()) {
      int next = ready.pollFirst();
      ordered.add(nodes.get(next));
      for (int successor : successors.get(next)) {
        if (--inDegree[successor] == 0) {
          ready.add(successor);
        }
      }
    }
    if (ordered.size() < nodes.size()) {
      List<String> stuck = new ArrayList<>();
      for (int i = 0; i < inDegree.length; i++) {
        if (inDegree[i] > 0) {
          stuck.add(nodes.get(i).id());
        }
      }
      return new Invalid(
          "the workflow graph has a cycle through nodes " + String.join(", ", stuck));
    }
    return new Ordered(List.copyOf(ordered));
  }
}
