package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.outrun.events.RunRequested;
import io.outrun.service.DuplicateKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates runs in the {@code runs} collection, queued, from their requests. Creation is idempotent:
 * a run's id derives from its request's event id, and a run is written only where none exists, so a
 * redelivered request, the recorder and trigger-api all name the same run and never overwrite what
 * a runner recorded.
 */
@Component
public class QueuedRuns {

  private static final String REQUEST_EVENT_ID = "requestEventId";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  QueuedRuns(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The unique index on {@code requestEventId}: one run per request, whoever creates it. */
  public Mono<Void> createIndexes() {
    return mongo
        .indexOps(RunDocument.class)
        .createIndex(
            new Index(REQUEST_EVENT_ID, Sort.Direction.ASC).unique().named("requestEventId_1"))
        .then();
  }

  /**
   * Inserts the queued run, or loads the run an earlier delivery of the request created. Fails with
   * {@link RunIdTakenException} if the run's id belongs to another request.
   */
  public Mono<RunDocument> createOrLoad(RunRequested request) {
    return createOrLoad(request, RunDocument.queued(request, clock.instant()));
  }

  /** The request's run as it is when requested, not stored. */
  public RunDocument fresh(RunRequested request) {
    return RunDocument.queued(request, clock.instant());
  }

  /**
   * As {@link #createOrLoad(RunRequested)}, but a run created here has no trigger payload: for a
   * request whose payload is why the run cannot be stored.
   */
  public Mono<RunDocument> createOrLoadWithoutPayload(RunRequested request) {
    RunDocument queued = RunDocument.queued(request, clock.instant());
    return createOrLoad(
        request, queued.withJson(queued.triggeredBy().withPayload(Map.of()), List.of()));
  }

  /**
   * One command: an upsert that writes the queued run only if there is none, returning it. Read as
   * a plain document first: a document of another request need not have a run's shape.
   */
  private Mono<RunDocument> createOrLoad(RunRequested request, RunDocument queued) {
    return Mono.defer(
            () ->
                mongo.findAndModify(
                    query(where("_id").is(queued.id())),
                    insertOnly(queued),
                    FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class,
                    RunDocument.COLLECTION))
        .onErrorResume(
            DuplicateKeyException.class,
            raced ->
                mongo
                    .findById(queued.id(), Document.class, RunDocument.COLLECTION)
                    // a run a crash left out of the _id index is still found by its request's id
                    .switchIfEmpty(Mono.defer(() -> byRequestEventId(request))))
        .flatMap(
            run ->
                request.eventId().equals(run.getString(REQUEST_EVENT_ID))
                    ? Mono.just(
                        StoredRuns.fromStored(mongo.getConverter().read(RunDocument.class, run)))
                    : Mono.error(new RunIdTakenException(request.runId(), request.eventId())));
  }

  private Mono<Document> byRequestEventId(RunRequested request) {
    return mongo.findOne(
        query(where(REQUEST_EVENT_ID).is(request.eventId())),
        Document.class,
        RunDocument.COLLECTION);
  }

  /**
   * Records the requests' runs as queued unless they exist, in one unordered insert: what makes an
   * accepted run visible at once, before a runner takes it, when its publisher does not record it
   * itself (the recorder leaves trigger-api's runs to trigger-api), and what lets the intake hold a
   * waiting request without its payload. A run there already (trigger-api's queued run, or the
   * runner's) is a duplicate key that leaves it as it is, and the write still inserts the others;
   * an insert, not an insert-only upsert, which costs a query by {@code _id} and an update document
   * before the same insert.
   */
  public Mono<Void> recordQueued(List<RunRequested> requests) {
    if (requests.isEmpty()) {
      return Mono.empty();
    }
    Instant now = clock.instant();
    ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, RunDocument.COLLECTION);
    bulk.insert(
        requests.stream().map(request -> stored(RunDocument.queued(request, now))).toList());
    return bulk.execute().then().onErrorResume(DuplicateKeys::only, e -> Mono.empty());
  }

  /** {@code run} as stored, its user JSON escaped. */
  private Document stored(RunDocument run) {
    Document document = new Document();
    mongo.getConverter().write(StoredRuns.toStored(run), document);
    return document;
  }

  /**
   * An update that writes {@code run} (its user JSON escaped) only when it inserts the document.
   */
  private Update insertOnly(RunDocument run) {
    Update update = new Update();
    stored(run)
        .forEach(
            (field, value) -> {
              if (!field.equals("_id")) {
                update.setOnInsert(field, value);
              }
            });
    return update;
  }
}
