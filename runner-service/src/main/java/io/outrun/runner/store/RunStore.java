package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code runs} collection's state changes (creation is {@link QueuedRuns}'). Every change is
 * conditional, so a redelivered request or a second runner never records a step or an ending twice.
 */
@Component
public class RunStore {

  private static final String LEASE = "lease";
  private static final String TRACE_ID = "traceId";
  private static final String LEASE_OWNER = "lease.owner";
  private static final String LEASE_EXPIRES_AT = "lease.expiresAt";
  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  RunStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Starts executing a run under {@code lease}: a queued run becomes running; a running run whose
   * lease has expired (its runner stopped) is taken over and keeps its start time. A run another
   * runner holds, or one that has ended, is left alone and reported as such; so is one this runner
   * holds, which an attempt that failed left: writes of that attempt may still be on their way
   * (queued in the group commit), and the lease keeps the next attempt from racing them.
   */
  public Mono<Start> start(String runId, RunDocument.Lease lease) {
    return start(runId, null, lease);
  }

  /**
   * As {@link #start(String, RunDocument.Lease)}; a queued run started joins trace {@code traceId}.
   */
  public Mono<Start> start(String runId, String traceId, RunDocument.Lease lease) {
    return start(runId, traceId, lease, clock.instant());
  }

  Mono<Start> start(String runId, RunDocument.Lease lease, Instant now) {
    return start(runId, null, lease, now);
  }

  private Mono<Start> start(String runId, String traceId, RunDocument.Lease lease, Instant now) {
    Update started =
        new Update().set("status", RunDocument.RUNNING).set("startedAt", now).set(LEASE, lease);
    if (traceId != null) {
      started.set(TRACE_ID, traceId);
    }
    Mono<Start> fromQueued =
        mongo
            .findAndModify(
                query(where("_id").is(runId).and("status").is(RunDocument.QUEUED)),
                started,
                RETURN_NEW,
                RunDocument.class)
            .map(StoredRuns::fromStored)
            .map(Start.Started::new);
    Mono<Start> takenOver =
        mongo
            .findAndModify(
                query(
                    where("_id")
                        .is(runId)
                        .and("status")
                        .is(RunDocument.RUNNING)
                        .orOperator(where(LEASE).is(null), where(LEASE_EXPIRES_AT).lte(now))),
                new Update().set(LEASE, lease),
                RETURN_NEW,
                RunDocument.class)
            .map(StoredRuns::fromStored)
            .map(Start.Resumed::new);
    Mono<Start> asItIs =
        mongo
            .findById(runId, RunDocument.class)
            .map(StoredRuns::fromStored)
            .map(
                run ->
                    run.terminal()
                        ? new Start.Ended(run)
                        : new Start.Held(run, run.lease() == null ? now : run.lease().expiresAt()));
    return fromQueued
        .switchIfEmpty(Mono.defer(() -> takenOver))
        .switchIfEmpty(Mono.defer(() -> asItIs));
  }

  /** What {@link #start} found. */
  public sealed interface Start {

    RunDocument run();

    /** A queued run, now running under the caller's lease. */
    record Started(RunDocument run) implements Start {}

    /** A running run whose runner stopped, now running under the caller's lease. */
    record Resumed(RunDocument run) implements Start {}

    /** A run that has ended (completed, failed or cancelled). */
    record Ended(RunDocument run) implements Start {}

    /** A run another runner is executing: its lease lasts until {@code until}. */
    record Held(RunDocument run, Instant until) implements Start {}
  }

  /** Extends the leases {@code owner} holds on {@code runIds}, in one update. */
  public Mono<Void> renewLeases(Collection<String> runIds, String owner, Instant expiresAt) {
    if (runIds.isEmpty()) {
      return Mono.empty();
    }
    return mongo
        .updateMulti(
            query(where("_id").in(runIds).and(LEASE_OWNER).is(owner)),
            new Update().set(LEASE_EXPIRES_AT, expiresAt),
            RunDocument.class)
        .then();
  }

  /** Lets every lease of {@code owner} expire now, so other runners resume its runs at once. */
  public Mono<Void> releaseLeases(String owner, Instant now) {
    return mongo
        .updateMulti(
            query(where(LEASE_OWNER).is(owner).and("status").is(RunDocument.RUNNING)),
            new Update().set(LEASE_EXPIRES_AT, now),
            RunDocument.class)
        .then();
  }

  /**
   * Appends a step unless one for the same node is already recorded, and adds what it used to the
   * run's usage in the same update, so a redelivered or resumed run never counts a step twice.
   */
  public Mono<Void> appendStep(String runId, StepDocument step) {
    Update update = new Update().push("steps", StoredRuns.toStored(step));
    UsageIncrements.of(step.usage()).forEach(update::inc);
    return mongo
        .updateFirst(
            query(where("_id").is(runId).and("steps.nodeId").ne(step.nodeId())),
            update,
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
                .set("error", error)
                .unset(LEASE),
            RETURN_NEW,
            RunDocument.class)
        .map(ended -> new Ended(ended, true, false))
        .switchIfEmpty(
            Mono.defer(() -> mongo.findById(runId, RunDocument.class))
                .map(ended -> new Ended(ended, false, false)))
        .map(ended -> new Ended(StoredRuns.fromStored(ended.run()), ended.endedNow(), false));
  }

  private static long durationMs(Instant startedAt, Instant finishedAt) {
    return startedAt == null ? 0 : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }

  private static Object[] terminalStatuses() {
    return new Object[] {RunDocument.COMPLETED, RunDocument.FAILED, RunDocument.CANCELLED};
  }

  /**
   * A run in its final state; {@code endedNow} is true only for the call that ended it, {@code
   * counted} when its workflow's stats are up to date with it already (updated in the flush that
   * ended it, {@link RunWrites}; a test run is never counted).
   */
  public record Ended(RunDocument run, boolean endedNow, boolean counted) {}
}
