package io.outrun.runner.engine;

import io.outrun.runner.node.TokenBudget;
import io.outrun.runner.retry.RetryPolicy;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the immutable {@code workflow_versions} documents trigger-api writes. */
@Component
class WorkflowVersions {

  static final String COLLECTION = "workflow_versions";

  private final ReactiveMongoTemplate mongo;

  WorkflowVersions(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * The graph of the version, empty if there is no such version; fails with {@link
   * IllegalArgumentException} when the document is malformed.
   */
  Mono<Workflow> find(String workflowId, int version) {
    return mongo
        .findById(workflowId + ":" + version, Document.class, COLLECTION)
        .map(WorkflowVersions::toWorkflow);
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
        TokenBudget.maxTokensPerRun(settings));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Object data) {
    return data == null ? Map.of() : (Map<String, Object>) data;
  }
}
