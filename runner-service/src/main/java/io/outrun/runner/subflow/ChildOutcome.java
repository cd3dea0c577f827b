package io.outrun.runner.subflow;

import java.time.Duration;
import java.util.Map;

/** What became of a child run {@link SubWorkflows} was asked for. */
public sealed interface ChildOutcome {

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
