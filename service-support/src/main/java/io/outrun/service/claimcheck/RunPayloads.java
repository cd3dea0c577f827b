package io.outrun.service.claimcheck;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.outrun.events.EventCodec;
import io.outrun.events.PayloadRef;
import io.outrun.events.RunRequested;
import io.outrun.service.retention.ExpiredDocuments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * {@code run_payloads}: trigger payloads too large for a Kafka record, one document per run
 * request, {@code _id} its event id: {@code {_id, runId, workspaceId, workflowId, json, bytes,
 * storedAt, expiresAt}}. The payload is kept as the JSON it would have had in the event (opaque
 * bytes, not a document), so no key of it can be an operator, a path or a NUL, MongoDB's nesting
 * limit does not apply, and the runner reads back exactly the values it would have read from Kafka.
 *
 * <p>A runner deletes the payload once the run document holds it. Whatever no runner takes (a
 * publish that failed after the payload was stored) expires at {@code expiresAt}: MongoDB's TTL
 * monitor removes it, and, for a server without one (the in-process MongoDB), a store removes what
 * has expired, once a minute at most.
 */
public final class RunPayloads {

  private static final Logger log = LoggerFactory.getLogger(RunPayloads.class);

  public static final String COLLECTION = "run_payloads";

  /** How often a store also deletes the payloads that expired. */
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final ReactiveMongoTemplate mongo;
  private final EventCodec codec;
  private final Clock clock;
  private final ClaimCheckProperties properties;
  private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

  public RunPayloads(
      ReactiveMongoTemplate mongo, EventCodec codec, Clock clock, ClaimCheckProperties properties) {
    this.mongo = mongo;
    this.codec = codec;
    this.clock = clock;
    this.properties = properties;
  }

  /** The TTL index on {@code expiresAt}. */
  public Mono<Void> createIndexes() {
    return mongo
        .indexOps(COLLECTION)
        .createIndex(
            new Index()
                .on("expiresAt", Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS)
                .named("expiresAt_ttl"))
        .then();
  }

  /**
   * Stores {@code json}, the payload of {@code request}, replacing what an earlier publish of the
   * same request stored; completes with the reference the event carries instead.
   */
  public Mono<PayloadRef> store(RunRequested request, byte[] json) {
    Instant now = clock.instant();
    Document document =
        new Document("_id", request.eventId())
            .append("runId", request.runId())
            .append("workspaceId", request.workspaceId())
            .append("workflowId", request.workflowId())
            .append("json", new Binary(json))
            .append("bytes", json.length)
            .append("storedAt", Date.from(now))
            .append("expiresAt", Date.from(now.plus(properties.retention())));
    return removeExpired(now)
        .then(mongo.save(document, COLLECTION))
        .thenReturn(new PayloadRef(request.eventId(), json.length));
  }

  /**
   * Deletes the payloads that have expired, at most once per {@link #SWEEP_INTERVAL} (the first
   * store, then the first after each interval), in batches ({@link ExpiredDocuments}): each delete
   * with the filter alone matched every stored payload inside the in-process MongoDB's write gate,
   * on every store.
   */
  private Mono<Void> removeExpired(Instant now) {
    return Mono.defer(
        () -> {
          Instant due = nextSweep.get();
          if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_INTERVAL))) {
            return Mono.empty();
          }
          return ExpiredDocuments.remove(mongo, COLLECTION, where("expiresAt").lt(Date.from(now)))
              .then()
              .onErrorResume(
                  e -> {
                    // housekeeping: the store goes on, and the next minute's store tries again
                    log.warn(
                        "Could not delete the expired payloads of {}: {}",
                        COLLECTION,
                        e.toString());
                    return Mono.empty();
                  });
        });
  }

  /** The payload {@code ref} names, or why there is none. */
  public Mono<StoredPayload> find(PayloadRef ref) {
    return mongo
        .findById(ref.id(), Document.class, COLLECTION)
        .map(document -> read(ref, document))
        .defaultIfEmpty(
            new StoredPayload.Missing(
                "the trigger payload stored aside for this run ("
                    + ref.bytes()
                    + " bytes, too large for Kafka) is no longer in "
                    + COLLECTION
                    + ": it expired after "
                    + readable(properties.retention())
                    + " or was removed"));
  }

  /** Removes the payload once the run holds it. */
  public Mono<Void> delete(PayloadRef ref) {
    return mongo.remove(query(where("_id").is(ref.id())), COLLECTION).then();
  }

  private static String readable(Duration retention) {
    if (retention.toHoursPart() == 0 && retention.toMinutesPart() == 0 && retention.toDays() > 0) {
      return retention.toDays() + (retention.toDays() == 1 ? " day" : " days");
    }
    return retention.toString().substring(2).toLowerCase();
  }

  private StoredPayload read(PayloadRef ref, Document document) {
    if (!(document.get("json") instanceof Binary json)) {
      return new StoredPayload.Missing(
          "the trigger payload stored aside for this run (" + ref.id() + ") has no JSON");
    }
    try {
      return new StoredPayload.Found(codec.decodePayload(json.getData()));
    } catch (JacksonException unreadable) {
      return new StoredPayload.Missing(
          "the trigger payload stored aside for this run ("
              + ref.id()
              + ") is not readable JSON: "
              + unreadable.getOriginalMessage());
    }
  }
}
