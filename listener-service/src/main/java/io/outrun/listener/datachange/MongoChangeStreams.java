package io.outrun.listener.datachange;

import com.mongodb.MongoException;
import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.reactivestreams.client.ChangeStreamPublisher;
import com.mongodb.reactivestreams.client.MongoClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The watched collections' change streams: opened from a {@link StreamPosition} or at the present,
 * with the trigger's pipeline and {@code fullDocument: updateLookup}, their events read as {@link
 * ChangeEvent}s; and the probe that moves a quiet stream's position to the present.
 */
@Component
class MongoChangeStreams {

  /** ChangeStreamHistoryLost: the resume point is no longer in the oplog. */
  private static final int HISTORY_LOST = 286;

  private final MongoClient mongo;
  private final com.mongodb.client.MongoClient blockingMongo;
  private final Clock clock;
  private final DataChangeProperties properties;

  MongoChangeStreams(
      MongoClient mongo,
      com.mongodb.client.MongoClient blockingMongo,
      Clock clock,
      DataChangeProperties properties) {
    this.mongo = mongo;
    this.blockingMongo = blockingMongo;
    this.clock = clock;
    this.properties = properties;
  }

  /** The changes after {@code from}; fails as {@link #historyLost} when the oplog lost it. */
  Flux<ChangeEvent> from(WatchSpec spec, StreamPosition from) {
    ChangeStreamPublisher<Document> stream = open(spec);
    ChangeStreamPublisher<Document> positioned =
        switch (from.kind()) {
          case RESUME -> stream.resumeAfter(MongoChangeEvents.token(from.token()));
          case START_AFTER -> stream.startAfter(MongoChangeEvents.token(from.token()));
          case TIME -> stream.startAtOperationTime(timestamp(from.time()));
        };
    return events(positioned);
  }

  /** The changes from the server's present on. */
  Flux<ChangeEvent> fromNow(WatchSpec spec) {
    return events(open(spec));
  }

  /**
   * The present as a position to store: this replica's time less the clock skew, so a server whose
   * clock is behind (by up to the skew) has nothing after it that the stream would miss.
   */
  StreamPosition present(WatchSpec spec) {
    return StreamPosition.at(lessSkew(clock.instant()), spec.namespace());
  }

  /**
   * Moves a quiet stream's position to the present without losing anything: asks the server, from
   * {@code current} and with the trigger's own pipeline, for the next change. If there is none (one
   * {@code getMore} that reached the end of the oplog), nothing the trigger wants happened since
   * {@code current}, and the new position is the server's post-batch resume token where it gives
   * one (MongoDB 4.0.7+), otherwise the probe's start less the clock skew (mongo-java-server gives
   * no post-batch token). If there is one, the stream has work and the position stays (empty). The
   * reactive driver does not expose empty batches or post-batch tokens, so this uses the blocking
   * driver, on {@code boundedElastic}.
   */
  Mono<Optional<StreamPosition>> fresher(WatchSpec spec, StreamPosition current) {
    return Mono.fromCallable(() -> probe(spec, current)).subscribeOn(Schedulers.boundedElastic());
  }

  /** Whether {@code error} says the stream's position is no longer in the oplog. */
  static boolean historyLost(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof MongoException mongo && mongo.getCode() == HISTORY_LOST) {
        return true;
      }
    }
    return false;
  }

  /**
   * One {@code $match}: a change of one of the operations that also matches the filter (whose keys
   * are change-event paths such as {@code fullDocument.status}), or an event that ends the stream.
   */
  static List<Document> pipeline(WatchSpec spec) {
    Document wanted = new Document("operationType", new Document("$in", spec.operations()));
    Document matching =
        spec.filter().isEmpty()
            ? wanted
            : new Document("$and", List.of(wanted, new Document(spec.filter())));
    Document ending = new Document("operationType", new Document("$in", WatchSpec.ENDINGS));
    return List.of(new Document("$match", new Document("$or", List.of(matching, ending))));
  }

  private ChangeStreamPublisher<Document> open(WatchSpec spec) {
    return mongo
        .getDatabase(spec.database())
        .getCollection(spec.collection())
        .watch(pipeline(spec))
        .fullDocument(FullDocument.UPDATE_LOOKUP);
  }

  private static Flux<ChangeEvent> events(ChangeStreamPublisher<Document> stream) {
    return Flux.from(stream.withDocumentClass(Document.class)).map(MongoChangeEvents::read);
  }

  private Optional<StreamPosition> probe(WatchSpec spec, StreamPosition current) {
    Instant started = clock.instant();
    ChangeStreamIterable<Document> stream =
        blockingMongo
            .getDatabase(spec.database())
            .getCollection(spec.collection())
            .watch(pipeline(spec))
            .maxAwaitTime(100, TimeUnit.MILLISECONDS);
    stream =
        switch (current.kind()) {
          case RESUME -> stream.resumeAfter(MongoChangeEvents.token(current.token()));
          case START_AFTER -> stream.startAfter(MongoChangeEvents.token(current.token()));
          case TIME -> stream.startAtOperationTime(timestamp(current.time()));
        };
    try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = stream.cursor()) {
      if (cursor.tryNext() != null) {
        return Optional.empty();
      }
      Instant now = lessSkew(started);
      BsonDocument token = cursor.getResumeToken();
      if (token != null
          && (current.token() == null || !token.equals(MongoChangeEvents.token(current.token())))) {
        return Optional.of(
            StreamPosition.after(MongoChangeEvents.tokenJson(token), now, spec.namespace()));
      }
      return current.time() != null && !now.isAfter(current.time())
          ? Optional.empty()
          : Optional.of(StreamPosition.at(now, spec.namespace()));
    }
  }

  private Instant lessSkew(Instant instant) {
    return instant.minus(properties.clockSkew()).truncatedTo(ChronoUnit.SECONDS);
  }

  private static BsonTimestamp timestamp(Instant time) {
    return new BsonTimestamp((int) time.getEpochSecond(), 0);
  }
}
