package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.outrun.events.RunRequested;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code runs} collection. Creation is idempotent by the request's event id (a unique index),
 * and every state change is conditional, so a redelivered request or a second runner never records
 * a step or an ending twice.
 */
@Component
public class RunStore {

  private static final String REQUEST_EVENT_ID = "requestEventId";

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  RunStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  public Mono<Void> createIndexes() {
    return mongo
        .indexOps(RunDocument.class)
        .createIndex(
            new Index(REQUEST_EVENT_ID, Sort.Direction.ASC).unique().named("requestEventId_1"))
        .then();
  }

  /** Inserts the queued run, or loads the run an earlier delivery of the request created. */
  public Mono<RunDocument> createOrLoad(RunRequested request) {
    return Mono.defer(() -> mongo.insert(RunDocument.queued(request, clock.instant())))
        .onErrorResume(
            DuplicateKeyException.class,
            duplicate ->
                mongo.findOne(
                    query(where(REQUEST_EVENT_ID).is(request.eventId())), RunDocument.class));
  }

  /** Marks a queued run running; a run already running (a runner died) keeps its start time. */
  public Mono<RunDocument> markRunning(String runId, Instant now) {
    return mongo
        .findAndModify(
            query(where("_id").is(runId).and("status").is(RunDocument.QUEUED)),
            new Update().set("status", RunDocument.RUNNING).set("startedAt", now),
            FindAndModifyOptions.options().returnNew(true),
            RunDocument.class)
        .switchIfEmpty(Mono.defer(() -> mongo.findById(runId, RunDocument.class)));
  }

  /**
   * Appends a step unless one for the same node is already recorded, and adds what it used to the
   * run's usage in the same update, so a redelivered or resumed run never counts a step twice.
   */
  public Mono<Void> appendStep(String runId, StepDocument step) {
    RunDocument.Usage used = step.usage();
    return mongo
        .updateFirst(
            query(where("_id").is(runId).and("steps.nodeId").ne(step.nodeId())),
            new Update()
                .push("steps", step)
                .inc("usage.aiTokensUsed", used.aiTokensUsed())
                .inc("usage.estimatedCost", used.estimatedCost())
                .inc("usage.webhooksCalled", used.webhooksCalled())
                .inc("usage.httpRequests", used.httpRequests()),
            RunDocument.class)
        .then();
  }

  /**
   * Ends a run that is not ended yet. Emits the ended run and whether this call ended it (false
   * when another delivery or runner got there first).
   */
  public Mono<Ended> finish(
      String runId, Instant startedAt, String status, Instant finishedAt, String error) {
    return mongo
        .findAndModify(
            query(where("_id").is(runId).and("status").nin(terminalStatuses())),
            new Update()
                .set("status", status)
                .set("finishedAt", finishedAt)
                .set("durationMs", durationMs(startedAt, finishedAt))
                .set("error", error),
            FindAndModifyOptions.options().returnNew(true),
            RunDocument.class)
        .map(ended -> new Ended(ended, true))
        .switchIfEmpty(
            Mono.defer(() -> mongo.findById(runId, RunDocument.class))
                .map(ended -> new Ended(ended, false)));
  }

  private static long durationMs(Instant startedAt, Instant finishedAt) {
    return startedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }

  private static Object[] terminalStatuses() {
    return new Object[] {RunDocument.COMPLETED, RunDocument.FAILED, RunDocument.CANCELLED};
  }

  /** A run in its final state; {@code endedNow} is true only for the call that ended it. */
  public record Ended(RunDocument run, boolean endedNow) {}
}
