package io.outrun.listener.webhook;

import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Reads {@code webhook_logs} in tests: the bucket documents, or their entries flattened. */
final class StoredWebhookLogs {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private StoredWebhookLogs() {}

  /** The bucket documents of these triggers, oldest first. */
  static List<Document> buckets(ReactiveMongoTemplate mongo, List<String> triggerIds) {
    return mongo
        .find(
            Query.query(Criteria.where("triggerId").in(triggerIds))
                .with(Sort.by(Sort.Direction.ASC, "to")),
            Document.class,
            MongoWebhookLogStore.COLLECTION)
        .collectList()
        .block(WAIT);
  }

  static List<Document> buckets(ReactiveMongoTemplate mongo, String triggerId) {
    return buckets(mongo, List.of(triggerId));
  }

  /** Every entry of these triggers' buckets, oldest first. */
  static List<Document> entries(ReactiveMongoTemplate mongo, List<String> triggerIds) {
    return buckets(mongo, triggerIds).stream()
        .flatMap(bucket -> bucket.getList("entries", Document.class).stream())
        .sorted(Comparator.comparing(entry -> entry.get("receivedAt", Date.class)))
        .toList();
  }

  static List<Document> entries(ReactiveMongoTemplate mongo, String triggerId) {
    return entries(mongo, List.of(triggerId));
  }
}
