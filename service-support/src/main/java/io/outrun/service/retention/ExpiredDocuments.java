package io.outrun.service.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * Deletes the documents of a collection that a criteria finds expired, {@value #BATCH} per command:
 * their ids found first by a read, then deleted by id (and still expired), until a search finds
 * fewer. One delete with the criteria alone is one long command: the in-process MongoDB matches
 * every document of the collection inside it and answers no write of any collection until it ends;
 * on a real server a first delete after a long pause writes one burst of oplog entries.
 */
public final class ExpiredDocuments {

  /** Documents deleted per command. */
  public static final int BATCH = 1_000;

  private ExpiredDocuments() {}

  /**
   * Deletes what {@code expired} matches in {@code collection}; emits how many were deleted. The
   * criteria must not name {@code _id}.
   */
  public static Mono<Long> remove(
      ReactiveMongoTemplate mongo, String collection, Criteria expired) {
    return removeBatch(mongo, collection, expired)
        .expand(
            batch -> batch.found() < BATCH ? Mono.empty() : removeBatch(mongo, collection, expired))
        .map(Batch::deleted)
        .reduce(0L, Long::sum);
  }

  private static Mono<Batch> removeBatch(
      ReactiveMongoTemplate mongo, String collection, Criteria expired) {
    Query oldest = query(expired).limit(BATCH);
    oldest.fields().include("_id");
    return mongo
        .find(oldest, Document.class, collection)
        .map(document -> document.get("_id"))
        .collectList()
        .flatMap(
            ids ->
                ids.isEmpty()
                    ? Mono.just(new Batch(0, 0))
                    : mongo
                        .remove(query(where("_id").in(ids)).addCriteria(expired), collection)
                        .map(result -> new Batch(ids.size(), result.getDeletedCount())));
  }

  /** Documents a batch found expired, and how many of them it deleted. */
  private record Batch(int found, long deleted) {}
}
