package io.outrun.listener.datachange;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code change_stream_leases}: {@code {_id: triggerId, owner, expiresAt, renewedAt}}. A replica
 * watches a trigger's collection only while it holds the trigger's lease; it takes a lease that is
 * free or expired, renews its own, and releases them when it stops watching.
 */
@Component
class StreamLeaseStore {

  static final String COLLECTION = "change_stream_leases";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  StreamLeaseStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Takes or renews the lease for {@code duration}: true if {@code owner} holds it now, false if
   * another replica does. One conditional upsert: when another owner's lease is live the upsert
   * collides with it on {@code _id}.
   */
  Mono<Boolean> acquire(String triggerId, String owner, Duration duration) {
    Instant now = clock.instant();
    Query takeable =
        Query.query(
            where("_id")
                .is(triggerId)
                .orOperator(
                    Criteria.where("owner").is(owner),
                    Criteria.where("expiresAt").lt(Date.from(now))));
    Update take =
        new Update()
            .set("owner", owner)
            .set("expiresAt", Date.from(now.plus(duration)))
            .set("renewedAt", Date.from(now));
    return mongo
        .findAndModify(
            takeable,
            take,
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COLLECTION)
        .map(lease -> owner.equals(lease.getString("owner")))
        .defaultIfEmpty(false)
        .onErrorResume(StreamLeaseStore::heldByAnother, e -> Mono.just(false));
  }

  /** Gives the lease up, if {@code owner} holds it. */
  Mono<Void> release(String triggerId, String owner) {
    return mongo
        .remove(Query.query(where("_id").is(triggerId).and("owner").is(owner)), COLLECTION)
        .then();
  }

  private static boolean heldByAnother(Throwable error) {
    return error instanceof DuplicateKeyException
        || (error instanceof MongoWriteException write
            && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY)
        || (error.getCause() instanceof com.mongodb.MongoCommandException command
            && command.getErrorCode() == 11000);
  }
}
