package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggeredBy;
import io.outrun.service.DuplicateKeys;
import io.outrun.service.GroupCommit;
import io.outrun.service.StoredJson;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Makes a run visible as {@code queued} as soon as its request is on Kafka, so the run id a 202
 * hands out can be looked up at once. The document (docs/ARCHITECTURE.md shape) is only inserted if
 * absent: when the runner got there first, or already finished the run, nothing changes, and when
 * this lands first the runner finds the queued run and executes it. Written after Kafka's
 * acknowledgement, never before, so no queued run exists that no runner will ever take.
 *
 * <p>Its requests carry {@link #HEADERS}, which tell the runner's recorder (which inserts the
 * queued run of every other request) that this records the run itself: one insert per run, not a
 * second that fails as a duplicate key, and no second read of a payload stored aside. The price:
 * should trigger-api die (or MongoDB fail this insert) between Kafka's acknowledgement and the
 * insert, the run becomes visible only when a runner takes it, not when the recorder reads its
 * request.
 *
 * <p>The runs accepted close together are written together (group commit, {@code
 * outrun.api.runs.record-linger}, at most {@code record-batch} a flush): one unordered insert, so a
 * burst of manual runs costs MongoDB a few commands, not one each. An insert, not an upsert: a run
 * already there (the runner's, by {@code _id} or {@code requestEventId}) is a duplicate key that
 * leaves it as it is (the unordered write still inserts the others), and an upsert costs the
 * in-process MongoDB a query by {@code _id} and an update document before the same insert.
 */
@Component
@EnableConfigurationProperties(AcceptedRunsProperties.class)
public class AcceptedRuns {

  /**
   * The headers of every request whose run is recorded here: the publisher records the run queued
   * itself, so the runner's recorder does not.
   */
  public static final Map<String, String> HEADERS =
      Map.of(Topics.RUN_RECORDED_BY_HEADER, "trigger-api");

  private static final Logger log = LoggerFactory.getLogger(AcceptedRuns.class);
  private static final String RUNS = "runs";
  private static final String RERUN_OF = "triggeredBy.rerunOf";

  private final ReactiveMongoTemplate mongo;
  private final GroupCommit<Accepted> commit;

  private record Accepted(RunRequested request, String rerunOf, Sinks.Empty<Void> done) {}

  AcceptedRuns(ReactiveMongoTemplate mongo, AcceptedRunsProperties properties) {
    this.mongo = mongo;
    this.commit =
        new GroupCommit<>(
            properties.recordBatch(),
            properties.recordLinger(),
            Schedulers.parallel(),
            this::flush);
  }

  /**
   * Completes once the run is recorded queued (or found recorded). Never fails: the request is on
   * Kafka, so the run exists once the runner takes it anyway. The request is to have been published
   * with {@link #HEADERS}, or the recorder inserts its run too, a duplicate key for nothing.
   */
  public Mono<Void> record(RunRequested request) {
    return record(request, null);
  }

  /**
   * As {@link #record(RunRequested)}, for a run that repeats run {@code rerunOf} (unless null): its
   * {@code triggeredBy.rerunOf} names that run, also when the runner recorded the run first (the
   * runner never writes {@code triggeredBy} again once the run exists).
   */
  public Mono<Void> record(RunRequested request, String rerunOf) {
    Mono<Void> recorded =
        Mono.defer(
            () -> {
              Sinks.Empty<Void> done = Sinks.empty();
              commit.add(new Accepted(request, rerunOf, done));
              return done.asMono();
            });
    return rerunOf == null ? recorded : recorded.then(nameRerunOf(request.runId(), rerunOf));
  }

  /** One update, only where the runner created the run before this recorded it. */
  private Mono<Void> nameRerunOf(String runId, String rerunOf) {
    return mongo
        .updateFirst(
            query(where("_id").is(runId).and(RERUN_OF).exists(false)),
            new Update().set(RERUN_OF, rerunOf),
            RUNS)
        .then()
        .onErrorResume(
            e -> {
              log.warn("Run {} is on Kafka but does not name rerunOf yet: {}", runId, e.toString());
              return Mono.empty();
            });
  }

  private Mono<Void> flush(List<Accepted> batch) {
    ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, RUNS);
    bulk.insert(
        batch.stream().map(accepted -> queuedRun(accepted.request(), accepted.rerunOf())).toList());
    return bulk.execute()
        .then()
        .onErrorResume(
            e -> {
              // a duplicate key: a run the runner created meanwhile; anything else: it shows later
              if (!DuplicateKeys.only(e)) {
                log.warn(
                    "{} runs are on Kafka but not yet visible: {}", batch.size(), e.toString());
              }
              return Mono.empty();
            })
        .doFinally(signal -> batch.forEach(accepted -> accepted.done().tryEmitEmpty()));
  }

  private static Document queuedRun(RunRequested request, String rerunOf) {
    TriggeredBy by = request.triggeredBy();
    Document triggeredBy =
        new Document("type", by.type().wireName())
            .append("triggerId", by.triggerId())
            .append("source", by.source())
            .append("payload", new Document(StoredJson.toStored(by.payload())));
    if (rerunOf != null) {
      triggeredBy.append("rerunOf", rerunOf);
    }
    if (request.retryOf() != null) { // as the runner writes it when it records the run first
      triggeredBy.append("retryOf", request.retryOf());
    }
    return new Document("_id", request.runId())
        .append("requestEventId", request.eventId())
        .append("workspaceId", request.workspaceId())
        .append("workflowId", request.workflowId())
        .append("workflowVersion", request.workflowVersion())
        .append("test", request.test())
        .append("chainDepth", request.chainDepth())
        .append("status", "queued")
        .append("triggeredBy", triggeredBy)
        .append("steps", List.of())
        .append("usage", zeroUsage())
        .append("queuedAt", request.occurredAt());
  }

  private static Map<String, Object> zeroUsage() {
    return Map.of(
        "aiTokensUsed", 0L, "estimatedCost", 0.0, "webhooksCalled", 0L, "httpRequests", 0L);
  }
}
