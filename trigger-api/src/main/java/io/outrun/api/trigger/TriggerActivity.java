package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.auth.CurrentUser;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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

  /** Buckets fetched per round trip: a full one holds hundreds of entries. */
  private static final int BUCKETS_PER_BATCH = 16;

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

  /**
   * The trigger's newest {@code limit} log entries, newest first. {@code webhook_logs} holds
   * buckets ({@code {triggerId, workspaceId, from, to, count, entries}}, one per trigger per
   * listener flush); they are read newest {@code to} first until no further one can hold one of the
   * newest entries. A document of the older one-request shape (no {@code entries}) reads as a
   * bucket of one: it sorts after every bucket (no {@code to}), by its {@code receivedAt}.
   */
  Flux<WebhookLog> webhookLogs(CurrentUser user, String workflowId, String triggerId, int limit) {
    Query query =
        Query.query(where("workspaceId").is(user.workspaceId()).and("triggerId").is(triggerId))
            .with(Sort.by(Sort.Order.desc("to"), Sort.Order.desc("receivedAt")))
            .cursorBatchSize(Math.min(limit, BUCKETS_PER_BATCH));
    return triggers
        .get(user, workflowId, triggerId)
        .thenMany(Flux.defer(() -> newest(query, new NewestWebhookLogs(limit))));
  }

  private Flux<WebhookLog> newest(Query query, NewestWebhookLogs newest) {
    return mongo
        .find(query, Document.class, WEBHOOK_LOGS)
        .takeWhile(bucket -> newest.wants(to(bucket)))
        .doOnNext(bucket -> newest.add(entries(bucket)))
        .thenMany(Flux.defer(() -> Flux.fromIterable(newest.newestFirst())));
  }

  private static Instant to(Document bucket) {
    return instant(bucket.get(isBucket(bucket) ? "to" : "receivedAt"));
  }

  private static List<WebhookLog> entries(Document bucket) {
    if (!isBucket(bucket)) {
      return List.of(WebhookLog.of(bucket));
    }
    return bucket.getList("entries", Document.class).stream().map(WebhookLog::of).toList();
  }

  private static boolean isBucket(Document document) {
    return document.get("entries") instanceof List<?>;
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }
}
