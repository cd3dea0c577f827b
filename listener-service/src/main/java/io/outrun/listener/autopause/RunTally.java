package io.outrun.listener.autopause;

import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import java.time.Instant;

/**
 * What a run's completion does to its trigger's streak of failures. Pure: a run a trigger started
 * either failed (one more), completed (the streak ends) or counts for nothing (a test run, a run no
 * trigger document started, a cancelled run).
 */
sealed interface RunTally {

  /** A failed run of {@code triggerId}. */
  record Failed(String triggerId, String runId, Instant finishedAt, String error)
      implements RunTally {}

  /** A completed run of {@code triggerId}: its streak of failures ends. */
  record Completed(String triggerId, Instant finishedAt) implements RunTally {}

  /** Nothing to count. */
  record Ignored() implements RunTally {}

  static RunTally of(RunCompleted completion) {
    if (completion.test() || completion.triggerId() == null) {
      return new Ignored();
    }
    Instant finishedAt =
        completion.finishedAt() == null ? completion.occurredAt() : completion.finishedAt();
    if (completion.status() == RunOutcome.FAILED) {
      return new Failed(
          completion.triggerId(), completion.runId(), finishedAt, errorOf(completion));
    }
    if (completion.status() == RunOutcome.COMPLETED) {
      return new Completed(completion.triggerId(), finishedAt);
    }
    return new Ignored();
  }

  private static String errorOf(RunCompleted completion) {
    String error = completion.error() == null ? "the run failed" : completion.error();
    return error.length() <= 500 ? error : error.substring(0, 500) + "...";
  }
}
