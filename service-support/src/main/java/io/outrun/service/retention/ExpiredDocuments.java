package io.outrun.service.retention;

import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes the documents of a collection that a criteria finds expired, {@value #BATCH} per command:
 * their ids found first by a read, then deleted by id (and still expired), until a search finds
 * fewer or a delete removes none. One delete with the criteria alone is one long command: the
 * in-process MongoDB matches every document of the collection inside it and answers no write of any
 * collection until it ends; on a real server a first delete after a long pause writes one burst of
 * oplog entries.
 *
 * <p>Both commands go to the driver as they are, not through Spring Data's query mapping, which
 * would turn an {@code _id} that is a 24-hex string (the audit log's) into an ObjectId that no
 * document has.
 */
public final class ExpiredDocuments {

  /** Documents deleted per command. */
  public static final int BATCH = 1_000;

  private static final Document ID_ONLY = new Document("_id", 1);

  private ExpiredDocuments() {}

  /**
   * Deletes what {@code expired} matches in {@code collection}; emits how many were deleted. The
   * criteria must not name {@code _id}.
   */
  public static Mono<Long> remove(
      ReactiveMongoTemplate mongo, String collection, Criteria expired) {
    Document filter = expired.getCriteriaObject();
    return mongo
        .getCollection(collection)
        .flatMap(
            documents ->
                removeBatch(documents, filter)
                    .expand(
                        batch ->
                            batch.found() < BATCH || batch.deleted() == 0
                                ? Mono.empty()
                                : removeBatch(documents, filter))
                    .map(Batch::deleted)
                    .reduce(0L, Long::sum));
  }

  private static Mono<Batch> removeBatch(MongoCollection<Document> documents, Document expired) {
    return Flux.from(documents.find(expired).projection(ID_ONLY).limit(BATCH))
        .map(document -> document.get("_id"))
        .collectList()
        .flatMap(
            ids ->
                ids.isEmpty()
                    ? Mono.just(new Batch(0, 0))
                    : Mono.from(
                            documents.deleteMany(
                                new Document(expired).append("_id", new Document("$in", ids))))
                        .map(result -> new Batch(ids.size(), result.getDeletedCount())));
  }

  /** Documents a batch found expired, and how many of them it deleted. */
  private record Batch(int found, long deleted) {}
}
