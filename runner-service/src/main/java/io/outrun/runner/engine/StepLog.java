package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import reactor.core.publisher.Mono;

/** Where a run's steps go once they have ended ({@link RecordedSteps}). */
interface StepLog {

  /** Records the step on its run; gives it back once stored. */
  Mono<StepDocument> record(RunDocument run, StepDocument step);

  /**
   * Announces a recorded step ({@code StepFinished}): one this execution recorded, or one an
   * earlier execution of the run recorded (it may have died before it could).
   */
  Mono<Void> announce(RunDocument run, StepDocument recorded);
}
