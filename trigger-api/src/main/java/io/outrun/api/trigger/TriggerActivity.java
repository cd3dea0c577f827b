package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.auth.CurrentUser;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/** What a trigger did: the runs it started, and the webhook deliveries the listener logged. */
@Service
class TriggerActivity {

  static final String RUNS = "runs";
  static final String WEBHOOK_LOGS = "webhook_logs";

  private final TriggerService triggers;
  private final ReactiveMongoTemplate mongo;

  TriggerActivity(TriggerService triggers, ReactiveMongoTemplate mongo) {
    this.triggers = triggers;
    this.mongo = mongo;
  }

  /** One run a trigger started, newest first. */
  record TriggeredRun(
      String id,
      Integer workflowVersion,
      String status,
      String source,
      Instant queuedAt,
      Instant startedAt,
      Instant finishedAt,
      Long durationMs,
      Object error) {

    static TriggeredRun of(Document run) {
      Object by = run.get("triggeredBy");
      return new TriggeredRun(
          run.getString("_id"),
          run.get("workflowVersion") instanceof Number n ? n.intValue() : null,
          run.getString("status"),
          by instanceof Map<?, ?> map ? (String) map.get("source") : null,
          instant(run.get("queuedAt")),
          instant(run.get("startedAt")),
          instant(run.get("finishedAt")),
          run.get("durationMs") instanceof Number n ? n.longValue() : null,
          run.get("error"));
    }
  }

  /** One webhook delivery as listener-service logs it (secrets and auth headers never logged). */
  record WebhookLog(
      Instant receivedAt,
      String method,
      String path,
      String ip,
      String userAgent,
      Integer status,
      String reason,
      Long processingTimeMs,
      String runId) {

    static WebhookLog of(Document log) {
      return new WebhookLog(
          instant(log.get("receivedAt")),
          log.getString("method"),
          log.getString("path"),
          log.getString("ip"),
          log.getString("userAgent"),
          log.get("status") instanceof Number n ? n.intValue() : null,
          log.getString("reason"),
          log.get("processingTimeMs") instanceof Number n ? n.longValue() : null,
          log.getString("runId"));
    }
  }

  Flux<TriggeredRun> history(CurrentUser user, String workflowId, String triggerId, int limit) {
    Query query =
        Query.query(
                where("workspaceId")
                    .is(user.workspaceId())
                    .and("triggeredBy.triggerId")
                    .is(triggerId))
            .with(Sort.by(Sort.Direction.DESC, "queuedAt"))
            .limit(limit);
    return triggers
        .get(user, workflowId, triggerId)
        .thenMany(mongo.find(query, Document.class, RUNS))
        .map(TriggeredRun::of);
  }

  Flux<WebhookLog> webhookLogs(CurrentUser user, String workflowId, String triggerId, int limit) {
    Query query =
        Query.query(where("workspaceId").is(user.workspaceId()).and("triggerId").is(triggerId))
            .with(Sort.by(Sort.Direction.DESC, "receivedAt"))
            .limit(limit);
    return triggers
        .get(user, workflowId, triggerId)
        .thenMany(mongo.find(query, Document.class, WEBHOOK_LOGS))
        .map(WebhookLog::of);
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }
}
