package io.outrun.runner.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which nodes of a workflow may start as nodes settle. Pure: no Spring, no I/O, no time.
 *
 * <p>A node is decided once every predecessor is settled. An edge is live when its source ran and,
 * if both the source chose a handle (a condition's {@code "true"} or {@code "false"}) and the edge
 * names one, they match; otherwise it is dead. A node with no incoming edge, or at least one live
 * one, runs; a node whose incoming edges are all dead is skipped, which kills its outgoing edges in
 * turn, so a skip propagates down to the next join that another branch keeps alive.
 *
 * <p>A run started by a trigger node (its entry) starts from that node alone: every other node
 * without an incoming edge (another trigger node, above all) is skipped, so only what the entry
 * reaches runs, and a node reached from both the entry and another trigger runs once. A run without
 * an entry, or whose entry is not in this version's graph, starts from every such node.
 *
 * <p>The plan is built once per run and each {@link Progress} counts, per node, the predecessors
 * still unsettled: settling a node touches only its own edges, so a whole run costs time linear in
 * the size of the graph (a 5,000-node chain used to cost 5,000 scans of every node).
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
  record Next(List<Workflow.Node> run, List<Workflow.Node> skip) {
    static final Next NOTHING = new Next(List.of(), List.of());
  }

  private final List<Workflow.Node> nodes;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<List<Workflow.Edge>> incoming = new ArrayList<>();
  private final List<List<Integer>> successors = new ArrayList<>();

  DagPlan(Workflow workflow) {
    this.nodes = workflow.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).id(), i);
      incoming.add(new ArrayList<>());
      successors.add(new ArrayList<>());
    }
    for (Workflow.Edge edge : workflow.edges()) {
      incoming.get(index.get(edge.target())).add(edge);
      successors.get(index.get(edge.source())).add(index.get(edge.target()));
    }
  }

  boolean contains(String nodeId) {
    return index.containsKey(nodeId);
  }

  int size() {
    return nodes.size();
  }

  /**
   * The progress of one run through the graph, given the nodes it has already settled and the
   * trigger node it started from (null: none).
   */
  Progress progress(Map<String, Settled> recorded, String entryNodeId) {
    return new Progress(recorded, contains(entryNodeId) ? index.get(entryNodeId) : -1);
  }

  Progress progress(Map<String, Settled> recorded) {
    return progress(recorded, null);
  }

  /**
   * Which nodes are settled and how many unsettled predecessors the others wait for. Not shared.
   */
  final class Progress {

    private final Settled[] settled = new Settled[nodes.size()];
    private final int[] waiting = new int[nodes.size()];
    private final int entry;

    private Progress(Map<String, Settled> recorded, int entry) {
      this.entry = entry;
      recorded.forEach((id, how) -> settled[index.get(id)] = how);
      for (int i = 0; i < nodes.size(); i++) {
        for (int target : successors.get(i)) {
          waiting[target] += settled[i] == null ? 1 : 0;
        }
      }
    }

    /** The nodes that may start at once: no unsettled predecessor, not settled already. */
    Next start() {
      List<Integer> ready = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        if (settled[i] == null && waiting[i] == 0) {
          ready.add(i);
        }
      }
      return decide(ready);
    }

    /**
     * Settles a node; the nodes that became ready by it (skips propagated). A node settled already,
     * as a skip this plan decided is when its step is recorded, releases nothing again.
     */
    Next settle(String nodeId, Settled how) {
      int node = index.get(nodeId);
      if (settled[node] != null) {
        return Next.NOTHING;
      }
      settled[node] = how;
      return decide(released(node));
    }

    private List<Integer> released(int node) {
      List<Integer> ready = new ArrayList<>();
      for (int target : successors.get(node)) {
        if (--waiting[target] == 0 && settled[target] == null) {
          ready.add(target);
        }
      }
      return ready;
    }

    private Next decide(List<Integer> ready) {
      List<Integer> run = new ArrayList<>();
      List<Integer> skip = new ArrayList<>();
      Deque<Integer> pending = new ArrayDeque<>(ready);
      while (!pending.isEmpty()) {
        int node = pending.pop();
        if (live(node)) {
          run.add(node);
        } else {
          skip.add(node);
          settled[node] = Settled.SKIPPED;
          pending.addAll(released(node));
        }
      }
      return new Next(inArrayOrder(run), inArrayOrder(skip));
    }

    private boolean live(int node) {
      List<Workflow.Edge> edges = incoming.get(node);
      if (edges.isEmpty()) {
        return entry < 0 || entry == node;
      }
      for (Workflow.Edge edge : edges) {
        if (DagPlan.live(edge, settled[index.get(edge.source())])) {
          return true;
        }
      }
      return false;
    }
  }

  private List<Workflow.Node> inArrayOrder(List<Integer> indices) {
    return indices.stream().sorted(Comparator.naturalOrder()).map(nodes::get).toList();
  }

  private static boolean live(Workflow.Edge edge, Settled source) {
    return source.ran()
        && (source.handle() == null
            || edge.sourceHandle() == null
            || source.handle().equals(edge.sourceHandle()));
  }
}
