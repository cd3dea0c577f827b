package io.outrun.listener.history;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Writes {@code trigger_events}, each event once. */
@Component
public class TriggerEvents {

  public static final String COLLECTION = "trigger_events";

  private final ReactiveMongoTemplate mongo;

  TriggerEvents(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The index trigger-api's history reads by; the same spec as trigger-api's own. */
  public Mono<Void> createIndexes() {
    return mongo
        .indexOps(COLLECTION)
        .createIndex(
            new Index()
                .on("triggerId", Sort.Direction.ASC)
                .on("at", Sort.Direction.DESC)
                .named("trigger_newest"))
        .then();
  }

  /** Records events once each: an event whose id is stored already is left as it is. */
  public Mono<Void> record(List<TriggerEvent> events) {
    if (events.isEmpty()) {
      return Mono.empty();
    }
    ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
    events.forEach(event -> bulk.insert(event.document()));
    return bulk.execute()
        .then()
        .onErrorResume(TriggerEvents::onlyDuplicates, duplicates -> Mono.empty());
  }

  private static boolean onlyDuplicates(Throwable error) {
    return error instanceof MongoBulkWriteException bulk
        && bulk.getWriteConcernError() == null
        && bulk.getWriteErrors().stream()
            .allMatch(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY);
  }
}
