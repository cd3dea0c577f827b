package io.outrun.runner.engine;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of one workflow version: what the engine needs of a {@code workflow_versions} document.
 */
record Workflow(List<Node> nodes, List<Edge> edges) {

  Workflow {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  record Node(String id, String type, Map<String, Object> data) {
    Node {
      requireNonNull(id, "a node needs an id");
      requireNonNull(type, "node " + id + " needs a type");
      data = data == null ? Map.of() : data;
    }
  }

  record Edge(String source, String target) {
    Edge {
      requireNonNull(source, "an edge needs a source");
      requireNonNull(target, "an edge needs a target");
    }
  }

  /** The nodes no edge leaves from, in array order: their outputs are the run's outputs. */
  List<String> finalNodeIds() {
    Set<String> sources = new LinkedHashSet<>();
    edges.forEach(edge -> sources.add(edge.source()));
    return nodes.stream().map(Node::id).filter(id -> !sources.contains(id)).toList();
  }
}
