package io.outrun.listener.dependency;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.listener.history.TriggerEventStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@code pending_starts}: one document per delayed dependent run, {@code _id} its request's event
 * id, deleted once the run is requested or cancelled, so the collection holds only what waits.
 */
@Component
class PendingStartStore {

  static final String COLLECTION = "pending_starts";

  private static final Logger log = LoggerFactory.getLogger(PendingStartStore.class);

  private final ReactiveMongoTemplate mongo;
  private final EventCodec codec = new EventCodec();

  private final DependencyProperties properties;

  PendingStartStore(ReactiveMongoTemplate mongo, DependencyProperties properties) {
    this.mongo = mongo;
    this.properties = properties;
  }

  /** Creates the due-date index once the application is up, retrying until MongoDB answers. */
  @EventListener(ApplicationReadyEvent.class)
  void createIndexes() {
    if (!properties.enabled()) {
      return;
    }
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index().on("dueAt", Sort.Direction.ASC).named("due_first"))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
        .subscribe(null, e -> log.warn("{} index not created: {}", COLLECTION, e.toString()));
  }

  /** Stores the start unless it is stored already (a completion handled again). */
  Mono<Void> store(PendingStart start) {
    Document document =
        new Document("_id", start.request().eventId())
            .append("workspaceId", start.request().workspaceId())
            .append("workflowId", start.request().workflowId())
            .append("triggerId", start.triggerId())
            .append("dueAt", Date.from(start.dueAt()))
            .append("historyId", start.historyId())
            .append("request", new String(codec.encode(start.request()), StandardCharsets.UTF_8));
    return mongo
        .upsert(
            Query.query(where("_id").is(document.get("_id"))),
            TriggerEventStore.insertOnly(document),
            COLLECTION)
        .then();
  }

  /** The stored starts, soonest first, at most {@code limit}. */
  Flux<PendingStart> soonest(int limit) {
    Query query = new Query().with(Sort.by("dueAt")).limit(limit);
    return mongo
        .find(query, Document.class, COLLECTION)
        .flatMap(document -> Mono.justOrEmpty(pendingStart(document)));
  }

  Mono<Void> delete(PendingStart start) {
    return mongo.remove(Query.query(where("_id").is(start.request().eventId())), COLLECTION).then();
  }

  private Optional<PendingStart> pendingStart(Document document) {
    byte[] json = String.valueOf(document.get("request")).getBytes(StandardCharsets.UTF_8);
    if (codec.decode(json) instanceof EventCodec.Decoded.Readable(RunRequested request)
        && document.get("dueAt") instanceof Date dueAt) {
      return Optional.of(
          new PendingStart(
              request,
              document.getString("triggerId"),
              dueAt.toInstant(),
              document.getString("historyId")));
    }
    log.error("Unreadable pending start {} left in {}", document.get("_id"), COLLECTION);
    return Optional.empty();
  }
}
