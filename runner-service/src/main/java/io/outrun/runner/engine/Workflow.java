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

  /**
   * The workflow's {@code settings}.
   *
   * @param timeoutMs the run's timeout; null: none
   * @param retryPolicy the retry policy of its nodes
   * @param maxTokensPerRun {@code settings.budget.maxTokensPerRun}: no AI call once the run has
   *     used this many tokens
   * @param concurrency at most this many runs of the workflow in progress at once; 0: no limit
   */
  record Settings(
      Long timeoutMs, RetryPolicy retryPolicy, OptionalLong maxTokensPerRun, int concurrency) {

    static final Settings DEFAULT = new Settings(null, RetryPolicy.NONE, OptionalLong.empty(), 0);

    Settings {
      retryPolicy = retryPolicy == null ? RetryPolicy.NONE : retryPolicy;
      maxTokensPerRun = maxTokensPerRun == null ? OptionalLong.empty() : maxTokensPerRun;
      if (concurrency < 0) {
        throw new IllegalArgumentException("settings.concurrency must be at least 1");
      }
    }

    Settings(Long timeoutMs, RetryPolicy retryPolicy) {
      this(timeoutMs, retryPolicy, OptionalLong.empty(), 0);
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
