package io.outrun.listener.datachange;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Moves a quiet stream's stored position to the present without losing anything: it asks the
 * server, from the stored position and with the trigger's own pipeline, for the next change. If
 * there is none (one {@code getMore} that reached the end of the oplog), nothing the trigger wants
 * happened between the stored position and the probe, and the new position is the server's
 * post-batch resume token where it gives one (MongoDB 4.0.7+), otherwise the probe's start less the
 * clock skew (mongo-java-server gives no post-batch token). If there is one, the stream has work
 * and the position stays. The reactive driver does not expose empty batches or post-batch tokens,
 * so this uses the blocking driver, on {@code boundedElastic}.
 */
final class PositionProbe {

  private PositionProbe() {}

  static Mono<Optional<StreamPosition>> fresher(
      StreamDeps deps, WatchSpec spec, StreamPosition current) {
    return Mono.fromCallable(() -> probe(deps, spec, current))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static Optional<StreamPosition> probe(
      StreamDeps deps, WatchSpec spec, StreamPosition current) {
    Instant started = deps.clock().instant();
    ChangeStreamIterable<Document> stream =
        deps.blockingMongo()
            .getDatabase(spec.database())
            .getCollection(spec.collection())
            .watch(spec.pipeline())
            .maxAwaitTime(100, TimeUnit.MILLISECONDS);
    stream =
        switch (current.kind()) {
          case RESUME -> stream.resumeAfter(bson(current.token()));
          case START_AFTER -> stream.startAfter(bson(current.token()));
          case TIME -> stream.startAtOperationTime(timestamp(current.time()));
        };
    try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = stream.cursor()) {
      if (cursor.tryNext() != null) {
        return Optional.empty();
      }
      Instant now = started.minus(deps.properties().clockSkew()).truncatedTo(ChronoUnit.SECONDS);
      BsonDocument token = cursor.getResumeToken();
      if (token != null && (current.token() == null || !token.equals(bson(current.token())))) {
        return Optional.of(
            StreamPosition.after(Document.parse(token.toJson()), now, spec.namespace()));
      }
      return current.time() != null && !now.isAfter(current.time())
          ? Optional.empty()
          : Optional.of(StreamPosition.at(now, spec.namespace()));
    }
  }

  static BsonDocument bson(Document token) {
    return BsonDocument.parse(token.toJson());
  }

  static BsonTimestamp timestamp(Instant time) {
    return new BsonTimestamp((int) time.getEpochSecond(), 0);
  }
}
