package io.outrun.api.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed from one workflow version to another, by node and edge id: pure data, no I/O. Data
 * paths are JSON Pointers (RFC 6901) into the node ({@code /data/url}) or the settings ({@code
 * /retryPolicy/maxRetries}).
 *
 * @param from the older side's number
 * @param to the other side's number
 * @param nameChanged whether the workflow's name differs
 * @param nodes nodes by id
 * @param edges edges by id (or source, target and handles for an edge without one)
 * @param settingsChanged the paths of the settings that differ
 */
record VersionDiff(
    int from,
    int to,
    boolean nameChanged,
    Changes nodes,
    Changes edges,
    List<String> settingsChanged) {

  /** Ids added and removed, and what changed in the ids both sides have. */
  record Changes(List<String> added, List<String> removed, List<Changed> changed) {}

  /** One node or edge both sides have, and the paths at which it differs. */
  record Changed(String id, List<String> paths) {}

  static VersionDiff between(WorkflowVersion from, WorkflowVersion to) {
    return new VersionDiff(
        from.version(),
        to.version(),
        !Objects.equals(from.name(), to.name()),
        changes(from.nodes(), to.nodes(), Node::id, VersionDiff::nodeJson),
        changes(from.edges(), to.edges(), VersionDiff::edgeKey, VersionDiff::edgeJson),
        JsonPaths.differences(from.settings(), to.settings()));
  }

  private static <T> Changes changes(
      List<T> before, List<T> after, Function<T, String> key, Function<T, Object> json) {
    Map<String, T> old = byKey(before, key);
    Map<String, T> now = byKey(after, key);
    List<String> added = now.keySet().stream().filter(id -> !old.containsKey(id)).toList();
    List<String> removed = old.keySet().stream().filter(id -> !now.containsKey(id)).toList();
    List<Changed> changed = new ArrayList<>();
    old.forEach(
        (id, was) -> {
          T is = now.get(id);
          if (is != null) {
            List<String> paths = JsonPaths.differences(json.apply(was), json.apply(is));
            if (!paths.isEmpty()) {
              changed.add(new Changed(id, paths));
            }
          }
        });
    return new Changes(added, removed, changed);
  }

  private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
    Map<String, T> byKey = new LinkedHashMap<>();
    for (T item : items) {
      if (item != null) {
        byKey.putIfAbsent(key.apply(item), item);
      }
    }
    return byKey;
  }

  private static Object nodeJson(Node node) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", node.type());
    json.put(
        "position",
        node.position() == null
            ? null
            : Map.of("x", node.position().x(), "y", node.position().y()));
    json.put("data", node.data());
    return json;
  }

  private static String edgeKey(Edge edge) {
    return edge.id() != null
        ? edge.id()
        : edge.source()
            + "->"
            + edge.target()
            + ":"
            + edge.sourceHandle()
            + ":"
            + edge.targetHandle();
  }

  private static Object edgeJson(Edge edge) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", edge.source());
    json.put("target", edge.target());
    json.put("sourceHandle", edge.sourceHandle());
    json.put("targetHandle", edge.targetHandle());
    return json;
  }
}
