package io.outrun.runner.engine;

import static java.util.Objects.requireNonNull;

import io.outrun.runner.retry.RetryPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The graph of one workflow version: what the engine needs of a {@code workflow_versions} document.
 */
record Workflow(List<Node> nodes, List<Edge> edges, Settings settings) {

  Workflow {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    settings = settings == null ? Settings.DEFAULT : settings;
  }

  Workflow(List<Node> nodes, List<Edge> edges) {
    this(nodes, edges, Settings.DEFAULT);
  }

  /** The workflow's {@code settings}: the run's timeout (null: none) and its retry policy. */
  /**
   * @param maxTokensPerRun {@code settings.budget.maxTokensPerRun}: no AI call once the run has
   *     used this many tokens
   */
  record Settings(Long timeoutMs, RetryPolicy retryPolicy, OptionalLong maxTokensPerRun) {

    static final Settings DEFAULT = new Settings(null, RetryPolicy.NONE, OptionalLong.empty());

    Settings {
      retryPolicy = retryPolicy == null ? RetryPolicy.NONE : retryPolicy;
      maxTokensPerRun = maxTokensPerRun == null ? OptionalLong.empty() : maxTokensPerRun;
    }

    Settings(Long timeoutMs, RetryPolicy retryPolicy) {
      this(timeoutMs, retryPolicy, OptionalLong.empty());
    }
  }

  record Node(String id, String type, Map<String, Object> data) {
    Node {
      requireNonNull(id, "a node needs an id");
      requireNonNull(type, "node " + id + " needs a type");
      data = data == null ? Map.of() : data;
    }
  }

  /**
   * @param sourceHandle the handle of the source the edge leaves from ({@code "true"} or {@code
   *     "false"} for a condition), or null
   */
  record Edge(String source, String target, String sourceHandle) {
    Edge {
      requireNonNull(source, "an edge needs a source");
      requireNonNull(target, "an edge needs a target");
    }

    Edge(String source, String target) {
      this(source, target, null);
    }
  }

  /** The nodes no edge leaves from, in array order: their outputs are the run's outputs. */
  List<String> finalNodeIds() {
    Set<String> sources = new LinkedHashSet<>();
    edges.forEach(edge -> sources.add(edge.source()));
    return nodes.stream().map(Node::id).filter(id -> !sources.contains(id)).toList();
  }
}
