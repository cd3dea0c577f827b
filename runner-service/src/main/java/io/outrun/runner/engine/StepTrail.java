package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The steps of one execution of a run: those recorded before it, then each one as it goes to be
 * written (before the write, so a step whose write a cancel or timeout overtook is kept too), so
 * the run's ending is stored and published with all of them without reading the run back.
 */
final class StepTrail {

  private final List<StepDocument> steps;

  StepTrail(RunDocument run) {
    this.steps = new ArrayList<>(run.steps());
  }

  synchronized void add(StepDocument step) {
    steps.add(step);
  }

  synchronized List<StepDocument> steps() {
    return List.copyOf(steps);
  }

  /** {@code log}, each step it records added to this trail first. */
  StepLog over(StepLog log) {
    return new StepLog() {
      @Override
      public Mono<StepDocument> record(RunDocument run, StepDocument step) {
        return Mono.fromRunnable(() -> add(step)).then(log.record(run, step));
      }

      @Override
      public Mono<Void> republish(RunDocument run, StepDocument recorded) {
        return log.republish(run, recorded);
      }
    };
  }
}
