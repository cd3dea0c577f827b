package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.PageCursor;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ComparisonOperators;
import org.springframework.data.mongodb.core.aggregation.ConditionalOperators;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a workflow's runs (written by runner-service): its history, newest first, and stats. */
@Component
class RunHistory {

  private static final String RUNS = "runs";
  private static final String QUEUED_AT = "queuedAt";
  private static final String STATUS = "status";

  private final ReactiveMongoTemplate mongo;

  RunHistory(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
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
   * Counts over the workflow's non-test runs: all of them, the completed and the failed ones; the
   * mean {@code durationMs} of the runs that have one (the finished ones); the latest {@code
   * queuedAt}.
   */
  Mono<WorkflowStats> stats(String workspaceId, String workflowId) {
    Aggregation aggregation =
        Aggregation.newAggregation(
            Aggregation.match(ofWorkflow(workspaceId, workflowId).and("test").ne(true)),
            Aggregation.group()
                .count()
                .as("totalRuns")
                .sum(countIf("completed"))
                .as("successfulRuns")
                .sum(countIf("failed"))
                .as("failedRuns")
                .avg("durationMs")
                .as("avgExecutionTimeMs")
                .max(QUEUED_AT)
                .as("lastRunAt"));
    return mongo
        .aggregate(aggregation, RUNS, Document.class)
        .next()
        .map(RunHistory::toStats)
        .defaultIfEmpty(WorkflowStats.NONE);
  }

  private static ConditionalOperators.Cond countIf(String status) {
    return ConditionalOperators.when(ComparisonOperators.valueOf(STATUS).equalToValue(status))
        .then(1)
        .otherwise(0);
  }

  private static WorkflowStats toStats(Document totals) {
    return new WorkflowStats(
        number(totals.get("totalRuns")),
        number(totals.get("successfulRuns")),
        number(totals.get("failedRuns")),
        totals.get("avgExecutionTimeMs") instanceof Number avg ? avg.doubleValue() : null,
        totals.get("lastRunAt") instanceof Date last ? last.toInstant() : null);
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Criteria ofWorkflow(String workspaceId, String workflowId) {
    return where("workspaceId").is(workspaceId).and("workflowId").is(workflowId);
  }

  /** {@code GET /api/workflows/{id}/stats}. */
  record WorkflowStats(
      long totalRuns,
      long successfulRuns,
      long failedRuns,
      Double avgExecutionTimeMs,
      Instant lastRunAt) {

    static final WorkflowStats NONE = new WorkflowStats(0, 0, 0, null, null);
  }
}
