package io.outrun.service.retention;

import com.mongodb.MongoCommandException;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import reactor.core.publisher.Mono;

/**
 * Creates a rule's TTL index ({@code expireAfterSeconds} on its field). When an index on that field
 * exists with other options (the setting changed, or a feature's own index on the field, such as
 * {@code pending_starts}' {@code due_first}), MongoDB refuses the create with IndexOptionsConflict
 * (85), so that index is given the expiry in place with {@code collMod} (MongoDB 5.1 and later turn
 * a single-field index into a TTL index that way).
 */
final class RetentionIndexes {

  private static final int INDEX_OPTIONS_CONFLICT = 85;

  private final ReactiveMongoTemplate mongo;

  RetentionIndexes(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  Mono<Void> ensure(RetentionRule rule) {
    Index index =
        new Index().on(rule.field(), Sort.Direction.ASC).expire(rule.ttl()).named(rule.indexName());
    return mongo
        .indexOps(rule.collection())
        .createIndex(index)
        .then()
        .onErrorResume(
            MongoCommandException.class,
            conflict ->
                conflict.getErrorCode() == INDEX_OPTIONS_CONFLICT
                    ? modify(rule)
                    : Mono.error(conflict));
  }

  private Mono<Void> modify(RetentionRule rule) {
    return mongo
        .indexOps(rule.collection())
        .getIndexInfo()
        .filter(
            info ->
                info.getIndexFields().size() == 1
                    && info.getIndexFields().getFirst().getKey().equals(rule.field()))
        .map(IndexInfo::getName)
        .next()
        .defaultIfEmpty(rule.indexName())
        .flatMap(name -> mongo.executeCommand(collMod(rule, name)))
        .then();
  }

  private static Document collMod(RetentionRule rule, String indexName) {
    return new Document("collMod", rule.collection())
        .append(
            "index",
            new Document("name", indexName).append("expireAfterSeconds", rule.ttl().toSeconds()));
  }
}
