package io.outrun.runner.engine;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.outrun.runner.retry.RetryPolicy;
import io.outrun.runner.store.WorkflowVersionDocuments;
import io.outrun.runner.usage.TokenBudget;
import io.outrun.service.ReactiveCache;
import io.outrun.service.StoredJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the {@code workflow_versions} documents trigger-api writes. They never change once written,
 * so the graphs read are kept in a bounded cache: a run of a workflow that ran recently reads
 * nothing. Missing versions and malformed documents are not cached, nor is a read that takes longer
 * than {@link #READ_TIMEOUT}: it fails with a {@link java.util.concurrent.TimeoutException}, which
 * the intake treats as a MongoDB outage (the request is tried again), and the next call reads
 * again. The cache never expires a read in progress, so without that a read that never answered
 * would hold every run of the version for good.
 */
@Component
class WorkflowVersions {

  private static final int CACHED_VERSIONS = 10_000;

  /** How long the runs of a version wait for its document before the read counts as failed. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Function<String, Mono<Map<String, Object>>> documents;
  private final ReactiveCache<String, Workflow> cache =
      new ReactiveCache<>(
          Caffeine.newBuilder().maximumSize(CACHED_VERSIONS).expireAfterAccess(Duration.ofHours(1)),
          READ_TIMEOUT);

  @Autowired
  WorkflowVersions(WorkflowVersionDocuments documents) {
    this(documents::find);
  }

  /**
   * @param documents the {@code workflow_versions} document of an id, as {@link
   *     WorkflowVersionDocuments#find}
   */
  WorkflowVersions(Function<String, Mono<Map<String, Object>>> documents) {
    this.documents = documents;
  }

  /**
   * The graph of the version, empty if there is no such version; fails with {@link
   * IllegalArgumentException} when the document is malformed.
   */
  Mono<Workflow> find(String workflowId, int version) {
    return cache.get(
        workflowId + ":" + version, id -> documents.apply(id).map(WorkflowVersions::toWorkflow));
  }

  static Workflow toWorkflow(Map<String, Object> document) {
    try {
      List<Workflow.Node> nodes =
          objects(document, "nodes").stream()
              .map(
                  node ->
                      new Workflow.Node(
                          (String) node.get("id"),
                          (String) node.get("type"),
                          data(node.get("data"))))
              .toList();
      List<Workflow.Edge> edges =
          objects(document, "edges").stream()
              .map(
                  edge ->
                      new Workflow.Edge(
                          (String) edge.get("source"),
                          (String) edge.get("target"),
                          (String) edge.get("sourceHandle")))
              .toList();
      return new Workflow(nodes, edges, settings(object(document.get("settings"))));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The objects of the array at {@code key}; none when it is absent. */
  private static List<Map<String, Object>> objects(Map<String, Object> document, String key) {
    Object value = document.get(key);
    if (value == null) {
      return List.of();
    }
    return ((List<?>) value).stream().map(WorkflowVersions::object).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    if (value != null && !(value instanceof Map)) {
      throw new ClassCastException(value.getClass().getName() + " is not an object");
    }
    return (Map<String, Object>) value;
  }

  private static Workflow.Settings settings(Map<String, Object> settings) {
    if (settings == null) {
      return Workflow.Settings.DEFAULT;
    }
    Object timeout = settings.get("timeoutMs");
    if (timeout != null && !(timeout instanceof Number)) {
      throw new IllegalArgumentException("settings.timeoutMs must be a number");
    }
    return new Workflow.Settings(
        timeout == null ? null : ((Number) timeout).longValue(),
        RetryPolicy.from(data(settings.get("retryPolicy"))),
        TokenBudget.maxTokensPerRun(settings),
        concurrency(settings.get("concurrency")));
  }

  /** {@code settings.concurrency}: a whole number of at least 1; absent: no limit (0). */
  private static int concurrency(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n
        && n.doubleValue() >= 1
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      return (int) Math.min(Integer.MAX_VALUE, n.longValue());
    }
    throw new IllegalArgumentException("settings.concurrency must be a whole number of at least 1");
  }

  /** trigger-api stores node data with its keys escaped ({@link StoredJson}). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Object data) {
    return data == null ? Map.of() : StoredJson.fromStored((Map<String, Object>) data);
  }
}
