package io.outrun.service.retention;

import com.mongodb.MongoCommandException;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Mono;

/**
 * Creates a rule's TTL index ({@code expireAfterSeconds} on its field). When the index exists with
 * another expiry (the setting changed), MongoDB refuses the create with IndexOptionsConflict (85),
 * so its expiry is changed in place with {@code collMod}.
 */
final class RetentionIndexes {

  private static final int INDEX_OPTIONS_CONFLICT = 85;

  private final ReactiveMongoTemplate mongo;

  RetentionIndexes(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  Mono<Void> ensure(RetentionRule rule) {
    Index index =
        new Index()
            .on(rule.field(), Sort.Direction.ASC)
            .expire(rule.keep())
            .named(rule.indexName());
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
    Document command =
        new Document("collMod", rule.collection())
            .append(
                "index",
                new Document("name", rule.indexName())
                    .append("expireAfterSeconds", rule.keep().toSeconds()));
    return mongo.executeCommand(command).then();
  }
}
