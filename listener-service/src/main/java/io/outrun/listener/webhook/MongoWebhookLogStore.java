package io.outrun.listener.webhook;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One {@code insertMany} into {@code webhook_logs} per call, of one bucket document per trigger
 * (several when it has more than {@code bucket-size} entries): {@code {triggerId, workspaceId,
 * from, to, count, entries: [...]}}, entries oldest first. Absent values ({@code userAgent}, a
 * rejected request's {@code runId}) are left out of an entry rather than stored as null.
 */
@Component
class MongoWebhookLogStore implements WebhookLogStore {

  static final String COLLECTION = "webhook_logs";

  private final ReactiveMongoTemplate mongo;
  private final int bucketSize;

  MongoWebhookLogStore(ReactiveMongoTemplate mongo, WebhookLogProperties properties) {
    this.mongo = mongo;
    this.bucketSize = properties.bucketSize();
  }

  @Override
  public Mono<Void> write(List<WebhookLogEntry> entries) {
    List<Document> documents =
        WebhookLogBucket.of(entries, bucketSize).stream()
            .map(MongoWebhookLogStore::document)
            .toList();
    return mongo.insert(documents, COLLECTION).then();
  }

  static Document document(WebhookLogBucket bucket) {
    return new Document("triggerId", bucket.triggerId())
        .append("workspaceId", bucket.workspaceId())
        .append("from", Date.from(bucket.from()))
        .append("to", Date.from(bucket.to()))
        .append("count", bucket.entries().size())
        .append("entries", bucket.entries().stream().map(MongoWebhookLogStore::entry).toList());
  }

  static Document entry(WebhookLogEntry e) {
    Document d = new Document("receivedAt", Date.from(e.receivedAt())).append("method", e.method());
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
