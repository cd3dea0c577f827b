package io.outrun.runner.engine;

import io.outrun.bus.EventPublisher;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore;
import io.outrun.runner.store.StepDocument;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A run's ended steps, appended to the run in the store, then published as {@code StepFinished} and
 * counted in the step metrics.
 */
@Component
class RecordedSteps implements StepLog {

  private final RunStore store;
  private final EventPublisher publisher;
  private final RunMeters meters;

  RecordedSteps(RunStore store, EventPublisher publisher, RunMeters meters) {
    this.store = store;
    this.publisher = publisher;
    this.meters = meters;
  }

  @Override
  public Mono<StepDocument> record(RunDocument run, StepDocument step) {
    return store
        .appendStep(run.id(), step)
        .then(publisher.publish(StepRecords.event(run, step)))
        .doOnSuccess(published -> meters.stepRecorded(step))
        .thenReturn(step);
  }

  @Override
  public Mono<Void> republish(RunDocument run, StepDocument recorded) {
    return publisher.publish(StepRecords.event(run, recorded));
  }
}
