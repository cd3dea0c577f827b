package io.outrun.runner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which nodes of a workflow may start, given the nodes already settled. Pure: no Spring, no
 * I/O, no time.
 *
 * <p>A node is decided once every predecessor is settled. An edge is live when its source ran and,
 * if both the source chose a handle (a condition's {@code "true"} or {@code "false"}) and the edge
 * names one, they match; otherwise it is dead. A node with no incoming edge, or at least one live
 * one, runs; a node whose incoming edges are all dead is skipped, which kills its outgoing edges in
 * turn, so a skip propagates down to the next join that another branch keeps alive.
 */
final class DagPlan {

  /** How a node ended: it ran (with the handle it chose, or null) or was skipped. */
  record Settled(boolean ran, String handle) {
    static final Settled SKIPPED = new Settled(false, null);

    static Settled ran(String handle) {
      return new Settled(true, handle);
    }
  }

  /** The nodes to run now and the nodes to record as skipped now, in array order. */
  record Next(List<Workflow.Node> run, List<Workflow.Node> skip) {}

  private final List<Workflow.Node> nodes;
  private final Map<String, List<Workflow.Edge>> incoming = new HashMap<>();

  DagPlan(Workflow workflow) {
    this.nodes = workflow.nodes();
    workflow.nodes().forEach(node -> incoming.put(node.id(), new ArrayList<>()));
    workflow.edges().forEach(edge -> incoming.get(edge.target()).add(edge));
  }

  boolean contains(String nodeId) {
    return incoming.containsKey(nodeId);
  }

  int size() {
    return nodes.size();
  }

  /**
   * The nodes that are neither settled nor started and whose predecessors are all settled; skips
   * are propagated, so a node downstream of a skipped one is in {@code skip} too.
   */
  Next next(Map<String, Settled> settled, Set<String> started) {
    Map<String, Settled> known = new HashMap<>(settled);
    Set<String> decided = new HashSet<>(started);
    List<Workflow.Node> run = new ArrayList<>();
    List<Workflow.Node> skip = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Workflow.Node node : nodes) {
        if (known.containsKey(node.id()) || decided.contains(node.id()) || !ready(node, known)) {
          continue;
        }
        decided.add(node.id());
        if (live(node, known)) {
          run.add(node);
        } else {
          skip.add(node);
          known.put(node.id(), Settled.SKIPPED);
          changed = true;
        }
      }
    }
    return new Next(List.copyOf(run), List.copyOf(skip));
  }

  private boolean ready(Workflow.Node node, Map<String, Settled> known) {
    return incoming.get(node.id()).stream().allMatch(edge -> known.containsKey(edge.source()));
  }

  private boolean live(Workflow.Node node, Map<String, Settled> known) {
    List<Workflow.Edge> edges = incoming.get(node.id());
    return edges.isEmpty() || edges.stream().anyMatch(edge -> live(edge, known.get(edge.source())));
  }

  private static boolean live(Workflow.Edge edge, Settled source) {
    return source.ran()
        && (source.handle() == null
            || edge.sourceHandle() == null
            || source.handle().equals(edge.sourceHandle()));
  }
}
