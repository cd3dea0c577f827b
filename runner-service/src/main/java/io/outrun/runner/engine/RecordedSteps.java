package io.outrun.runner.engine;

import io.outrun.bus.EventPublisher;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunWrites;
import io.outrun.runner.store.StepDocument;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A run's ended steps, appended to the run through the group commit ({@link RunWrites}: steps of
 * many runs, and a run's steps that end close together, share a write) and counted in the step
 * metrics once stored; published as {@code StepFinished} by {@link #announce}.
 */
@Component
class RecordedSteps implements StepLog {

  private final RunWrites writes;
  private final EventPublisher publisher;
  private final RunMeters meters;

  RecordedSteps(RunWrites writes, EventPublisher publisher, RunMeters meters) {
    this.writes = writes;
    this.publisher = publisher;
    this.meters = meters;
  }

  @Override
  public Mono<StepDocument> record(RunDocument run, StepDocument step) {
    return writes
        .appendStep(run.id(), step)
        .then(
            Mono.fromSupplier(
                () -> {
                  stored(run, step);
                  return step;
                }));
  }

  @Override
  public void stored(RunDocument run, StepDocument step) {
    if (!step.isReused()) { // a reused step was counted by the run that executed it
      meters.stepRecorded(run, step);
    }
  }

  @Override
  public Mono<Void> announce(RunDocument run, StepDocument recorded) {
    return publisher.publish(StepRecords.event(run, recorded));
  }
}
