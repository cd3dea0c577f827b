package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.auth.CurrentUser;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * The webhook deliveries the listener logged for a trigger ({@link TriggerHistory} has its runs).
 */
@Service
class TriggerActivity {

  static final String WEBHOOK_LOGS = "webhook_logs";

  private final TriggerService triggers;
  private final ReactiveMongoTemplate mongo;

  TriggerActivity(TriggerService triggers, ReactiveMongoTemplate mongo) {
    this.triggers = triggers;
    this.mongo = mongo;
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
