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
 * step, once recorded, is announced through the execution's {@link Announcements}. The run's last
 * step is not written on its own ({@link StepLog#recordLast}): the ending stores it ({@link
 * #unrecorded}), and it is announced once that is stored ({@link #endingStored}).
 */
final class StepTrail {

  /** A step left to the run's ending, and what follows once the ending has stored it. */
  private record Unrecorded(StepDocument step, Runnable onStored) {}

  private final List<StepDocument> steps;
  private final List<Unrecorded> unrecorded = new ArrayList<>();
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

  /** The steps among {@link #steps} not written yet: the run's ending is to store them. */
  synchronized List<StepDocument> unrecorded() {
    return unrecorded.stream().map(Unrecorded::step).toList();
  }

  /**
   * The run's ending has stored the {@link #unrecorded} steps: each is counted and announced, as a
   * recorded step is once stored.
   */
  void endingStored() {
    List<Unrecorded> stored;
    synchronized (this) {
      stored = List.copyOf(unrecorded);
      unrecorded.clear();
    }
    stored.forEach(step -> step.onStored().run());
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

      /** Kept for the run's ending to store, then counted and announced (see endingStored). */
      @Override
      public Mono<StepDocument> recordLast(RunDocument run, StepDocument step) {
        return Mono.fromSupplier(
            () -> {
              synchronized (StepTrail.this) {
                steps.add(step);
                unrecorded.add(
                    new Unrecorded(
                        step,
                        () -> {
                          log.stored(run, step);
                          announcements.send(log.announce(run, step));
                        }));
              }
              return step;
            });
      }

      @Override
      public Mono<Void> announce(RunDocument run, StepDocument recorded) {
        return log.announce(run, recorded);
      }
    };
  }
}
