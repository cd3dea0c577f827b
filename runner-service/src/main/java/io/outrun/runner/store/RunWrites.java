package io.outrun.runner.store;

import io.outrun.service.GroupCommit;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The run state changes of execution, written by group commit: the changes of many runs gathered
 * for a few milliseconds ({@code outrun.runner.writes.linger}, at most {@code max-batch}) go to
 * MongoDB as one unordered bulk write, each run's changes one conditional statement, and the runs
 * ended in it are added to their workflows' stats in a second bulk write ({@link RunFlush}). Each
 * call completes once its change is stored (and, for an ending, counted), so a caller that waits
 * for it before committing a request's offset commits only stored state. Nothing is written until
 * the returned {@link Mono} is subscribed.
 */
@Component
@EnableConfigurationProperties(WriteProperties.class)
public class RunWrites {

  private final GroupCommit<RunWrite> commit;
  private final Clock clock;

  RunWrites(
      ReactiveMongoTemplate mongo,
      RunStore store,
      WorkflowStatsStore stats,
      Clock clock,
      WriteProperties properties) {
    this.clock = clock;
    RunFlush flush = new RunFlush(mongo, store, stats);
    this.commit =
        new GroupCommit<>(
            properties.maxBatch(), properties.linger(), Schedulers.parallel(), flush::flush);
  }

  /**
   * Creates {@code queued}'s run as running under {@code lease}, or starts it where a queued run of
   * the same request exists: one upsert. Emits the started run once stored; empty when the run
   * exists otherwise (running, ended, or another request's), and nothing is changed.
   *
   * <p>An upsert that finds no run inserts it, and so does trigger-api's or the recorder's insert
   * of the queued run, which may arrive at the same moment: of two inserts of one {@code _id} one
   * fails on the duplicate key, and when it is this one the run is queued, not otherwise. So a
   * start whose condition failed is tried once more, in the next flush: it starts the queued run,
   * or finds the run otherwise again.
   */
  public Mono<RunDocument> begin(RunDocument queued, RunDocument.Lease lease) {
    return beginOnce(queued, lease).switchIfEmpty(Mono.defer(() -> beginOnce(queued, lease)));
  }

  private Mono<RunDocument> beginOnce(RunDocument queued, RunDocument.Lease lease) {
    return Mono.defer(
        () -> {
          Sinks.One<Boolean> done = Sinks.one();
          RunWrite.Begin begin = new RunWrite.Begin(queued, lease, clock.instant(), done);
          commit.add(begin);
          return done.asMono().filter(Boolean::booleanValue).map(started -> begin.started());
        });
  }

  /** As {@link RunStore#appendStep}: the step is appended unless one of its node is recorded. */
  public Mono<Void> appendStep(String runId, StepDocument step) {
    return Mono.defer(
        () -> {
          Sinks.Empty<Void> done = Sinks.empty();
          commit.add(new RunWrite.Step(runId, step, done));
          return done.asMono();
        });
  }

  /**
   * As {@link RunStore#finish}, and the ended run counted in its workflow's stats in the same flush
   * ({@link RunStore.Ended#counted}); {@code steps} are all the run's steps, for the ended run
   * emitted without reading it back.
   */
  public Mono<RunStore.Ended> finish(
      RunDocument run, List<StepDocument> steps, String status, String error) {
    return finish(run, steps, List.of(), status, error);
  }

  /**
   * As {@link #finish(RunDocument, List, String, String)}, appending {@code unrecorded} (steps
   * among {@code steps} not written yet, as {@link #appendStep} would) in the ending's own
   * statement: a run's last step costs no write of its own, and is stored exactly when the ending
   * is.
   */
  public Mono<RunStore.Ended> finish(
      RunDocument run,
      List<StepDocument> steps,
      List<StepDocument> unrecorded,
      String status,
      String error) {
    return Mono.defer(
        () -> {
          Sinks.One<RunStore.Ended> done = Sinks.one();
          Instant at = clock.instant();
          commit.add(
              new RunWrite.End(
                  run, List.copyOf(steps), List.copyOf(unrecorded), status, at, error, done));
          return done.asMono();
        });
  }

  /** Fails the caller of {@code write} with {@code failure}, unless it has its answer. */
  static void fail(RunWrite write, Throwable failure) {
    switch (write) {
      case RunWrite.Begin begin -> begin.done().tryEmitError(failure);
      case RunWrite.Step step -> step.done().tryEmitError(failure);
      case RunWrite.End end -> end.done().tryEmitError(failure);
    }
  }
}
