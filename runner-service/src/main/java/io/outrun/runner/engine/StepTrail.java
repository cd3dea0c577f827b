package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one execution of a run: those recorded before it, then each one as it is written, so
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
}
