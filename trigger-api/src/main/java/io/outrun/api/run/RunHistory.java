package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.PageCursor;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads what runner-service records of runs: one run, a workflow's history, newest first, and the
 * workflow's stats.
 */
@Component
class RunHistory {

  private static final String RUNS = "runs";
  private static final String WORKFLOW_STATS = "workflow_stats";
  private static final String QUEUED_AT = "queuedAt";
  private static final String STATUS = "status";

  private final ReactiveMongoTemplate mongo;

  RunHistory(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The run in the workspace, as the runner recorded it; empty until the runner created it. */
  Mono<Document> find(String workspaceId, String runId) {
    Query query = Query.query(where("_id").is(runId).and("workspaceId").is(workspaceId));
    return mongo.findOne(query, Document.class, RUNS);
  }

  /** Newest first ({@code queuedAt}, then id), after {@code before} if given. */
  Flux<Document> page(
      String workspaceId, String workflowId, String status, PageCursor before, int limit) {
    Query query = Query.query(ofWorkflow(workspaceId, workflowId));
    if (status != null) {
      query.addCriteria(where(STATUS).is(status));
    }
    if (before != null) {
      query.addCriteria(before.after(QUEUED_AT));
    }
    query.with(Sort.by(Sort.Direction.DESC, QUEUED_AT, "_id")).limit(limit);
    return mongo.find(query, Document.class, RUNS);
  }

  /**
   * The workspace's runs that {@code filter} keeps, across workflows, newest first ({@code
   * queuedAt}, then id), after {@code before} if given. Served by the {@code workspace_newest}
   * index on {@code runs}.
   */
  Flux<Document> search(String workspaceId, RunFilter filter, PageCursor before, int limit) {
    Query query = Query.query(filter.criteria(workspaceId));
    if (before != null) {
      query.addCriteria(before.after(QUEUED_AT));
    }
    query.with(Sort.by(Sort.Direction.DESC, QUEUED_AT, "_id")).limit(limit);
    return mongo.find(query, Document.class, RUNS);
  }

  /**
   * The workflow's stats as runner-service keeps them in {@code workflow_stats} (one document per
   * workflow, updated atomically as each run ends; docs/ARCHITECTURE.md), so reading them never
   * scans the runs: finished non-test runs, the completed and the failed ones among them, the mean
   * {@code durationMs} of those that ran (a run cancelled while queued has none), and when the
   * latest of them was requested, and the sum of their {@code usage} (AI tokens and cost). Zeros
   * for a workflow none of whose runs has finished.
   */
  Mono<WorkflowStats> stats(String workspaceId, String workflowId) {
    Query query = Query.query(where("_id").is(workflowId).and("workspaceId").is(workspaceId));
    query.fields().exclude("recentRunIds");
    return mongo
        .findOne(query, Document.class, WORKFLOW_STATS)
        .map(RunHistory::toStats)
        .defaultIfEmpty(WorkflowStats.NONE);
  }

  private static WorkflowStats toStats(Document stats) {
    long timedRuns = number(stats.get("timedRuns"));
    return new WorkflowStats(
        number(stats.get("totalRuns")),
        number(stats.get("completedRuns")),
        number(stats.get("failedRuns")),
        timedRuns == 0 ? null : (double) number(stats.get("totalDurationMs")) / timedRuns,
        stats.get("lastRunAt") instanceof Date last ? last.toInstant() : null,
        toUsage(stats.get("usage") instanceof Document used ? used : new Document()));
  }

  private static Usage toUsage(Document used) {
    return new Usage(
        number(used.get("aiTokensUsed")),
        used.get("estimatedCost") instanceof Number cost ? cost.doubleValue() : 0,
        number(used.get("webhooksCalled")),
        number(used.get("httpRequests")));
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Criteria ofWorkflow(String workspaceId, String workflowId) {
    return where("workspaceId").is(workspaceId).and("workflowId").is(workflowId);
  }

  /**
   * {@code GET /api/workflows/{id}/stats}: counts of finished (completed, failed or cancelled)
   * non-test runs; queued and running runs count once they end.
   */
  record WorkflowStats(
      long totalRuns,
      long successfulRuns,
      long failedRuns,
      Double avgExecutionTimeMs,
      Instant lastRunAt,
      Usage usage) {

    static final WorkflowStats NONE = new WorkflowStats(0, 0, 0, null, null, new Usage(0, 0, 0, 0));
  }

  /**
   * What the counted runs used, summed as runner-service adds each run's {@code usage}: AI tokens,
   * their estimated cost, webhooks called and HTTP requests made.
   */
  record Usage(long aiTokensUsed, double estimatedCost, long webhooksCalled, long httpRequests) {}
}
