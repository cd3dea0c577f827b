package io.outrun.api.run;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.time.Duration;
import java.util.List;
import org.bson.BsonValue;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ChangeStreamOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * The ids of runs as they change: one change stream on {@code runs} per instance, shared by every
 * run event stream, open only while one is (and {@code linger} after the last left), reopened with
 * backoff when it fails. It looks nothing up (no {@code updateLookup}), so a change to a run nobody
 * watches costs one small event; a watcher reads its run itself.
 */
@Component
class RunChangeStore {

  private static final Logger log = LoggerFactory.getLogger(RunChangeStore.class);
  private static final String RUNS = "runs";

  private final Flux<String> changedRunIds;

  RunChangeStore(ReactiveMongoTemplate mongo, RunEventsProperties properties) {
    ChangeStreamOptions options =
        ChangeStreamOptions.builder()
            .filter(
                Aggregation.newAggregation(
                    Aggregation.match(
                        Criteria.where("operationType")
                            .in(List.of("insert", "update", "replace")))))
            .build();
    this.changedRunIds =
        Flux.defer(() -> mongo.changeStream(RUNS, options, Document.class))
            .mapNotNull(event -> runId(event.getRaw()))
            .concatWith(Flux.error(() -> new IllegalStateException("change stream on runs ended")))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(10))
                    .doBeforeRetry(
                        retry ->
                            log.warn(
                                "Change stream on runs failed, reopening: {}",
                                retry.failure().toString())))
            .publish()
            .refCount(1, properties.linger());
  }

  /** The id of every run changed from now on (as soon as the shared stream is open). */
  Flux<String> changedRunIds() {
    return changedRunIds;
  }

  private static String runId(ChangeStreamDocument<Document> change) {
    if (change == null || change.getDocumentKey() == null) {
      return null;
    }
    BsonValue id = change.getDocumentKey().get("_id");
    return id != null && id.isString() ? id.asString().getValue() : null;
  }
}
