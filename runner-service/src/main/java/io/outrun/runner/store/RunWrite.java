package io.outrun.runner.store;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Sinks;

/**
 * One change to a run waiting for the group commit ({@link RunWrites}), with the sink its caller
 * learns the outcome from. A run's changes in one flush become one conditional statement ({@link
 * RunStatement}).
 */
sealed interface RunWrite {

  String runId();

  /**
   * Creates the run as running under {@code lease}, or starts it if it is queued: {@code true} once
   * done, {@code false} when the run exists otherwise (running, ended, another request's).
   */
  record Begin(RunDocument queued, RunDocument.Lease lease, Instant now, Sinks.One<Boolean> done)
      implements RunWrite {
    @Override
    public String runId() {
      return queued.id();
    }

    RunDocument started() {
      return queued.started(lease, now);
    }
  }

  /** Appends a step unless one of its node is recorded; completes once stored. */
  record Step(String runId, StepDocument step, Sinks.Empty<Void> done) implements RunWrite {}

  /**
   * Ends a run that has not ended, appending {@code unrecorded} (its last steps, not written
   * before: stored with the ending, in the same statement); {@code steps} are all its steps, those
   * included, for the ended run the caller gets back without reading it.
   */
  record End(
      RunDocument run,
      List<StepDocument> steps,
      List<StepDocument> unrecorded,
      String status,
      Instant finishedAt,
      String error,
      Sinks.One<RunStore.Ended> done)
      implements RunWrite {
    @Override
    public String runId() {
      return run.id();
    }

    long durationMs() {
      return run.startedAt() == null
          ? 0
          : finishedAt.toEpochMilli() - run.startedAt().toEpochMilli();
    }

    RunDocument ended() {
      return run.ended(steps, status, finishedAt, durationMs(), error);
    }
  }
}
