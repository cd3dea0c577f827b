package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import reactor.core.publisher.Mono;

/** Where a run's steps go once they have ended ({@link RecordedSteps}). */
interface StepLog {

  /** Records the step on its run, then announces it ({@code StepFinished}); gives it back. */
  Mono<StepDocument> record(RunDocument run, StepDocument step);

  /**
   * Announces again a step an earlier execution of the run recorded: it may have died before it
   * could.
   */
  Mono<Void> republish(RunDocument run, StepDocument recorded);
}
