package io.outrun.runner.expression;

import java.util.function.Supplier;

/**
 * Where the evaluations of an {@link EvaluationExecutor} task run: when the task first started (its
 * time limit counts from then, also when it starts over on the long lane) and whether it runs on a
 * CPU slice (the short lane). Budgets made by the task read it; a budget made elsewhere (a test)
 * has no slice and starts its clock when it is made.
 *
 * @param startedNanos {@code System.nanoTime()} when the task first started
 */
record EvaluationLane(long startedNanos, boolean sliced) {

  private static final ThreadLocal<EvaluationLane> CURRENT = new ThreadLocal<>();

  /** Runs {@code work} on this lane. */
  <T> T run(Supplier<T> work) {
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      CURRENT.remove();
    }
  }

  /** The lane of the task running on this thread, or null outside one. */
  static EvaluationLane current() {
    return CURRENT.get();
  }
}
