package io.outrun.api.trigger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The workflows of one workspace linked by dependency triggers: an edge {@code upstream ->
 * downstream} means a run of upstream ending can start downstream. Pure: no Spring, no I/O.
 */
final class DependencyGraph {

  /** A dependency trigger of {@code downstream} on {@code upstream}. */
  record Edge(String upstream, String downstream) {}

  private final Map<String, List<String>> downstreamOf = new HashMap<>();
  private final Map<String, List<String>> upstreamOf = new HashMap<>();

  DependencyGraph(Collection<Edge> edges) {
    for (Edge edge : edges) {
      downstreamOf.computeIfAbsent(edge.upstream(), k -> new ArrayList<>()).add(edge.downstream());
      upstreamOf.computeIfAbsent(edge.downstream(), k -> new ArrayList<>()).add(edge.upstream());
    }
  }

  /**
   * The cycle {@code added} would close, as workflow ids in run order starting and ending with
   * {@code added.downstream()} (e.g. {@code [A, B, C, A]} when A would depend on C while B depends
   * on A and C on B); empty if it closes none.
   */
  Optional<List<String>> cycleClosedBy(Edge added) {
    List<String> path = shortestPath(added.downstream(), added.upstream());
    if (path.isEmpty()) {
      return Optional.empty();
    }
    List<String> chain = new ArrayList<>(path);
    chain.add(added.downstream());
    return Optional.of(List.copyOf(chain));
  }

  /**
   * Every workflow {@code workflowId} depends on, directly or not, with its distance (1 = direct).
   */
  Map<String, Integer> upstreamOf(String workflowId) {
    return distances(workflowId, upstreamOf);
  }

  /** Every workflow that depends on {@code workflowId}, directly or not, with its distance. */
  Map<String, Integer> downstreamOf(String workflowId) {
    return distances(workflowId, downstreamOf);
  }

  /** The shortest path from {@code from} to {@code to} along downstream edges; empty if none. */
  private List<String> shortestPath(String from, String to) {
    if (from.equals(to)) {
      return List.of(from);
    }
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    cameFrom.put(from, from);
    while (!queue.isEmpty()) {
      String current = queue.removeFirst();
      for (String next : downstreamOf.getOrDefault(current, List.of())) {
        if (cameFrom.putIfAbsent(next, current) != null) {
          continue;
        }
        if (next.equals(to)) {
          return walkBack(cameFrom, from, to);
        }
        queue.addLast(next);
      }
    }
    return List.of();
  }

  private static List<String> walkBack(Map<String, String> cameFrom, String from, String to) {
    List<String> path = new ArrayList<>();
    for (String at = to; !at.equals(from); at = cameFrom.get(at)) {
      path.add(at);
    }
    path.add(from);
    Collections.reverse(path);
    return path;
  }

  private static Map<String, Integer> distances(String start, Map<String, List<String>> links) {
    Map<String, Integer> distance = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    Set<String> seen = new java.util.HashSet<>(List.of(start));
    Map<String, Integer> depth = new HashMap<>(Map.of(start, 0));
    while (!queue.isEmpty()) {
      String current = queue.removeFirst();
      for (String next : links.getOrDefault(current, List.of())) {
        if (seen.add(next)) {
          depth.put(next, depth.get(current) + 1);
          distance.put(next, depth.get(next));
          queue.addLast(next);
        }
      }
    }
    return distance;
  }
}
