package io.outrun.runner.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteError;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Unordered bulk writes that tell each statement's failure: what the group commit needs to fail one
 * run's writes, not the flush's.
 */
final class BulkStatements {

  /**
   * MongoDB's duplicate key error: on an upsert of an existing {@code _id}, "condition not met".
   */
  static final int DUPLICATE_KEY = 11000;

  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

  private final ReactiveMongoTemplate mongo;

  BulkStatements(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** A statement's failure that says its condition did not hold. */
  static boolean conditionFailed(Throwable failure) {
    return failure instanceof MongoWriteException refused && refused.getCode() == DUPLICATE_KEY;
  }

  /**
   * Runs {@code statements} as one unordered bulk write; emits each statement's failure by index
   * (absent: done). Fails as a whole only when MongoDB cannot be reached ({@link
   * StoreFailures#unreachable}): no statement of the flush would do better; any other failure of
   * the whole is retried one statement at a time.
   */
  Mono<Map<Integer, Throwable>> write(
      String collection, List<UpdateOneModel<Document>> statements) {
    if (statements.isEmpty()) {
      return Mono.just(Map.of());
    }
    return bulk(collection, statements)
        .onErrorResume(
            e ->
                !(e instanceof MongoBulkWriteException)
                    && !StoreFailures.unreachable(e)
                    && statements.size() > 1,
            e ->
                Flux.range(0, statements.size())
                    .concatMap(
                        i ->
                            bulk(collection, List.of(statements.get(i)))
                                .map(
                                    failed ->
                                        failed.isEmpty()
                                            ? Map.<Integer, Throwable>of()
                                            : Map.of(i, failed.get(0)))
                                .onErrorResume(
                                    one -> !StoreFailures.unreachable(one),
                                    one -> Mono.just(Map.of(i, one))))
                    .collectList()
                    .map(BulkStatements::merged));
  }

  private Mono<Map<Integer, Throwable>> bulk(
      String collection, List<UpdateOneModel<Document>> statements) {
    return mongo
        .getCollection(collection)
        .flatMap(runs -> Mono.from(runs.bulkWrite(statements, UNORDERED)))
        .map(result -> Map.<Integer, Throwable>of())
        .onErrorResume(
            MongoBulkWriteException.class,
            failed -> {
              Map<Integer, Throwable> byIndex = new HashMap<>();
              for (BulkWriteError error : failed.getWriteErrors()) {
                byIndex.put(error.getIndex(), itemFailure(error, failed));
              }
              return Mono.just(byIndex);
            });
  }

  private static Throwable itemFailure(BulkWriteError error, MongoBulkWriteException bulk) {
    WriteError writeError =
        new WriteError(
            error.getCode(),
            error.getMessage(),
            error.getDetails() == null ? new BsonDocument() : error.getDetails());
    return new MongoWriteException(writeError, bulk.getServerAddress(), Set.of());
  }

  private static Map<Integer, Throwable> merged(List<Map<Integer, Throwable>> parts) {
    Map<Integer, Throwable> all = new HashMap<>();
    parts.forEach(all::putAll);
    return all;
  }
}
