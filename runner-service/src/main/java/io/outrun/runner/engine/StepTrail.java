package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The steps of one execution of a run: those recorded before it, then each one as it goes to be
 * written (before the write, so a step whose write a cancel or timeout overtook is kept too), so
 * the run's ending is stored and published with all of them without reading the run back. Each
 * step, once recorded, is announced through the execution's {@link Announcements}.
 */
final class StepTrail {

  private final List<StepDocument> steps;
  private final Announcements announcements;

  StepTrail(RunDocument run, Announcements announcements) {
    this.steps = new ArrayList<>(run.steps());
    this.announcements = announcements;
  }

  synchronized void add(StepDocument step) {
    steps.add(step);
  }

  synchronized List<StepDocument> steps() {
    return List.copyOf(steps);
  }

  /** Announces again, in order, the steps an earlier execution of {@code run} recorded. */
  void announceRecorded(RunDocument run, StepLog log) {
    run.steps().forEach(recorded -> announcements.send(log.announce(run, recorded)));
  }

  /**
   * {@code log}, each step it records added to this trail first and announced once recorded,
   * without waiting for the announcement.
   */
  StepLog over(StepLog log) {
    return new StepLog() {
      @Override
      public Mono<StepDocument> record(RunDocument run, StepDocument step) {
        return Mono.fromRunnable(() -> add(step))
            .then(log.record(run, step))
            .doOnNext(recorded -> announcements.send(log.announce(run, recorded)));
      }

      @Override
      public Mono<Void> announce(RunDocument run, StepDocument recorded) {
        return log.announce(run, recorded);
      }
    };
  }
}
