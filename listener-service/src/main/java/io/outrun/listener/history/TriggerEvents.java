package io.outrun.listener.history;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes {@code trigger_events}, each event once. trigger-api, which reads them, creates the
 * collection's index ({@code triggerId, at desc}).
 */
@Component
public class TriggerEvents {

  public static final String COLLECTION = "trigger_events";

  private final ReactiveMongoTemplate mongo;

  TriggerEvents(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Records events once each: an event whose id is stored already is left as it is (one unordered
   * bulk of upserts that set fields only on insert).
   */
  public Mono<Void> record(List<TriggerEvent> events) {
    if (events.isEmpty()) {
      return Mono.empty();
    }
    ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, COLLECTION);
    events.forEach(
        event -> {
          bulk.upsert(
              Query.query(Criteria.where("_id").is(event.id())), insertOnly(event.document()));
        });
    return bulk.execute().then();
  }

  /** Moves a recorded event on: a delayed start that started or was cancelled. */
  public Mono<Void> update(String id, TriggerEventKind kind, Instant at, String detail) {
    Update update = new Update().set("kind", kind.storedName()).set("at", Date.from(at));
    if (detail != null) {
      update.set("detail", detail);
    }
    return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, COLLECTION).then();
  }

  /**
   * An upsert's update that writes {@code document}'s fields only when it inserts: storing the same
   * document twice changes nothing, and no duplicate-key error has to be told apart.
   */
  public static Update insertOnly(Document document) {
    Update update = new Update();
    document.forEach(
        (field, value) -> {
          if (!field.equals("_id")) {
            update.setOnInsert(field, value);
          }
        });
    return update;
  }
}
