package io.outrun.runner.store;

/**
 * A run request names a run id that a run of another request holds. Run ids derive from request
 * ids, so this happens only if something wrote to {@code runs} that should not have: the request is
 * not this run's to touch, and goes to the dead-letter topic.
 */
public final class RunIdTakenException extends IllegalStateException {

  RunIdTakenException(String runId, String requestEventId) {
    super("run " + runId + " exists already for another request than " + requestEventId);
  }
}
