package io.outrun.listener.datachange;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code change_stream_positions}: {@code {_id: triggerId, kind, token, time, namespace, at}}, one
 * per data-change trigger, written only after the run request of the change it names was
 * acknowledged by Kafka.
 */
@Component
class StreamPositionStore {

  static final String COLLECTION = "change_stream_positions";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  StreamPositionStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  Mono<StreamPosition> find(String triggerId) {
    return mongo.findById(triggerId, Document.class, COLLECTION).map(StreamPositionStore::position);
  }

  Mono<Void> save(String triggerId, StreamPosition position) {
    Document document =
        new Document("_id", triggerId)
            .append("kind", position.kind().name())
            .append("token", position.token() == null ? null : Document.parse(position.token()))
            .append("time", position.time() == null ? null : Date.from(position.time()))
            .append("namespace", position.namespace())
            .append("at", Date.from(clock.instant()));
    return mongo
        .findAndReplace(
            Query.query(where("_id").is(triggerId)),
            document,
            FindAndReplaceOptions.options().upsert(),
            Document.class,
            COLLECTION)
        .then();
  }

  Mono<Void> delete(String triggerId) {
    return mongo.remove(Query.query(where("_id").is(triggerId)), COLLECTION).then();
  }

  private static StreamPosition position(Document stored) {
    Date time = stored.getDate("time");
    Document token = stored.get("token", Document.class);
    return new StreamPosition(
        StreamPosition.Kind.valueOf(stored.getString("kind")),
        token == null ? null : MongoChangeEvents.tokenJson(token),
        time == null ? null : time.toInstant(),
        stored.getString("namespace"));
  }
}
