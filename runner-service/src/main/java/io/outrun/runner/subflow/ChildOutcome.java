package io.outrun.runner.subflow;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What became of a child run {@link SubWorkflows} was asked for. */
public sealed interface ChildOutcome {

  /**
   * Why the child gave no output, for a step's error or a tool's result: its run's end, the
   * refusal, or the wait that ran out; empty for {@link Started} and {@link Completed}.
   */
  default Optional<String> problem() {
    return switch (this) {
      case Started started -> Optional.empty();
      case Completed completed -> Optional.empty();
      case Failed(String runId, String status, String error) ->
          Optional.of("sub-workflow run " + runId + " " + status + ": " + error);
      case Refused(String reason) -> Optional.of(reason);
      case TimedOut(String runId, Duration waited) ->
          Optional.of(
              "sub-workflow run " + runId + " did not end within " + waited.toMillis() + " ms");
    };
  }

  /** Requested, not waited for. */
  record Started(String runId) implements ChildOutcome {}

  /** Ended completed; {@code outputs} are its final steps' outputs by node id. */
  record Completed(String runId, Map<String, Object> outputs) implements ChildOutcome {}

  /** Ended {@code status} ({@code failed} or {@code cancelled}) with {@code error}. */
  record Failed(String runId, String status, String error) implements ChildOutcome {}

  /** Not requested: no such active workflow, the chain too deep, the input too large. */
  record Refused(String reason) implements ChildOutcome {}

  /** Requested, but it did not end within {@code waited}. */
  record TimedOut(String runId, Duration waited) implements ChildOutcome {}
}
