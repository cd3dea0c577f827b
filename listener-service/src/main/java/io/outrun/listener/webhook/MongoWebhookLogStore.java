package io.outrun.listener.webhook;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One {@code insertMany} into {@code webhook_logs} per call. Absent values ({@code userAgent}, a
 * rejected request's {@code runId}) are left out rather than stored as null.
 */
@Component
class MongoWebhookLogStore implements WebhookLogStore {

  static final String COLLECTION = "webhook_logs";

  private final ReactiveMongoTemplate mongo;

  MongoWebhookLogStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public Mono<Void> write(List<WebhookLogEntry> entries) {
    List<Document> documents = entries.stream().map(MongoWebhookLogStore::document).toList();
    return mongo.insert(documents, COLLECTION).then();
  }

  static Document document(WebhookLogEntry e) {
    Document d =
        new Document("triggerId", e.triggerId())
            .append("workspaceId", e.workspaceId())
            .append("receivedAt", Date.from(e.receivedAt()))
            .append("method", e.method());
    putIfPresent(d, "path", e.path());
    putIfPresent(d, "ip", e.ip());
    putIfPresent(d, "userAgent", e.userAgent());
    d.append("status", e.status())
        .append("reason", e.reason())
        .append("processingTimeMs", e.processingTimeMs());
    putIfPresent(d, "runId", e.runId());
    return d;
  }

  private static void putIfPresent(Document d, String key, String value) {
    if (value != null) {
      d.append(key, value);
    }
  }
}
