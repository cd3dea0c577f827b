package io.outrun.api.run;

import java.util.Set;

/**
 * How a new run repeats an ended one. A re-run runs every step again, of any ended run; a retry
 * reuses the outputs of the steps that completed and runs the rest, of a failed or cancelled run.
 * Each kind derives its new run ids from its own name, so a re-run and a retry with the same {@code
 * Idempotency-Key} are two runs.
 */
enum Repeat {
  RERUN(
      "rerun",
      Set.of("completed", "failed", "cancelled"),
      "only a run that has ended can be run again."),
  RETRY("retry", Set.of("failed", "cancelled"), "only a failed or cancelled run can be retried.");

  private final String action;
  private final Set<String> from;
  private final String which;

  Repeat(String action, Set<String> from, String which) {
    this.action = action;
    this.from = from;
    this.which = which;
  }

  /** The endpoint's last path segment and the first part of the new run's id. */
  String action() {
    return action;
  }

  /** Whether a run in {@code status} can be repeated this way. */
  boolean accepts(String status) {
    return status != null && from.contains(status);
  }

  /** The 409's detail for a run in {@code status}. */
  String refusal(String status) {
    return "The run is " + status + "; " + which;
  }
}
