package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import reactor.core.publisher.Mono;

/** Where a run's steps go once they have ended ({@link RecordedSteps}). */
interface StepLog {

  /** Records the step on its run; gives it back once stored. */
  Mono<StepDocument> record(RunDocument run, StepDocument step);

  /**
   * Records a run's last step (the one that settles its graph, or the failed step that ends it),
   * whose run's ending comes next: a log that can store it with the ending gives it back at once,
   * unwritten, for the ending to carry; this one records it now.
   */
  default Mono<StepDocument> recordLast(RunDocument run, StepDocument step) {
    return record(run, step);
  }

  /**
   * Counts a step once it is stored: by {@link #record}, or by the run's ending for one {@link
   * #recordLast} left to it.
   */
  default void stored(RunDocument run, StepDocument step) {}

  /**
   * Announces a recorded step ({@code StepFinished}): one this execution recorded, or one an
   * earlier execution of the run recorded (it may have died before it could).
   */
  Mono<Void> announce(RunDocument run, StepDocument recorded);
}
