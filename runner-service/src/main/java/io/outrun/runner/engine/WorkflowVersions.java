package io.outrun.runner.engine;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.outrun.runner.retry.RetryPolicy;
import io.outrun.runner.usage.TokenBudget;
import io.outrun.service.StoredJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the {@code workflow_versions} documents trigger-api writes. They never change once written,
 * so the graphs read are kept in a bounded cache: a run of a workflow that ran recently reads
 * nothing. Missing versions and malformed documents are not cached.
 */
@Component
class WorkflowVersions {

  static final String COLLECTION = "workflow_versions";
  private static final int CACHED_VERSIONS = 10_000;

  private final ReactiveMongoTemplate mongo;
  private final AsyncCache<String, Workflow> cache =
      Caffeine.newBuilder()
          .maximumSize(CACHED_VERSIONS)
          .expireAfterAccess(Duration.ofHours(1))
          .buildAsync();

  WorkflowVersions(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * The graph of the version, empty if there is no such version; fails with {@link
   * IllegalArgumentException} when the document is malformed.
   */
  Mono<Workflow> find(String workflowId, int version) {
    return Mono.fromFuture(
        () ->
            cache.get(
                workflowId + ":" + version,
                (id, executor) ->
                    mongo
                        .findById(id, Document.class, COLLECTION)
                        .map(WorkflowVersions::toWorkflow)
                        .toFuture()),
        true);
  }

  static Workflow toWorkflow(Document document) {
    try {
      List<Workflow.Node> nodes =
          document.getList("nodes", Document.class, List.of()).stream()
              .map(
                  node ->
                      new Workflow.Node(
                          node.getString("id"), node.getString("type"), data(node.get("data"))))
              .toList();
      List<Workflow.Edge> edges =
          document.getList("edges", Document.class, List.of()).stream()
              .map(
                  edge ->
                      new Workflow.Edge(
                          edge.getString("source"),
                          edge.getString("target"),
                          edge.getString("sourceHandle")))
              .toList();
      return new Workflow(nodes, edges, settings(document.get("settings", Document.class)));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Workflow.Settings settings(Document settings) {
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
