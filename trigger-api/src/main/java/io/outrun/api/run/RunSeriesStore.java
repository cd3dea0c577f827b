package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The ended non-test runs of one workflow queued since a time, as the stats series counts them: a
 * range of the {@code trigger_api_history} index ({@code workflowId}, {@code queuedAt}), only the
 * fields the series needs, so a call reads the workflow's runs of the window and no other.
 */
@Component
class RunSeriesStore {

  private static final List<String> ENDED = List.of("completed", "failed", "cancelled");

  private final ReactiveMongoTemplate mongo;

  RunSeriesStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  Flux<StatsSeries.EndedRun> endedSince(String workspaceId, String workflowId, Instant since) {
    Query query =
        Query.query(
            where("workflowId")
                .is(workflowId)
                .and("queuedAt")
                .gte(since)
                .and("workspaceId")
                .is(workspaceId)
                .and("status")
                .in(ENDED)
                .and("test")
                .ne(true));
    query
        .fields()
        .include("queuedAt", "status", "durationMs", "usage.aiTokensUsed", "usage.estimatedCost");
    return mongo.find(query, Document.class, "runs").mapNotNull(RunSeriesStore::ended);
  }

  private static StatsSeries.EndedRun ended(Document run) {
    if (!(run.get("queuedAt") instanceof Date queuedAt)) {
      return null;
    }
    Document usage = run.get("usage") instanceof Document used ? used : new Document();
    return new StatsSeries.EndedRun(
        queuedAt.toInstant(),
        run.getString("status"),
        run.get("durationMs") instanceof Number ms ? ms.longValue() : null,
        usage.get("aiTokensUsed") instanceof Number tokens ? tokens.longValue() : 0,
        usage.get("estimatedCost") instanceof Number cost ? cost.doubleValue() : 0);
  }
}
