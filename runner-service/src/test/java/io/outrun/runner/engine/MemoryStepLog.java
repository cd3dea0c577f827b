package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Steps recorded in memory, in the order they were recorded, and those announced. */
final class MemoryStepLog implements StepLog {

  private final List<StepDocument> recorded = new CopyOnWriteArrayList<>();
  private final List<StepDocument> announced = new CopyOnWriteArrayList<>();

  @Override
  public Mono<StepDocument> record(RunDocument run, StepDocument step) {
    return Mono.fromSupplier(
        () -> {
          recorded.add(step);
          return step;
        });
  }

  @Override
  public Mono<Void> announce(RunDocument run, StepDocument step) {
    return Mono.fromRunnable(() -> announced.add(step));
  }

  List<StepDocument> recorded() {
    return recorded;
  }

  /** The recorded step of {@code nodeId}. */
  StepDocument step(String nodeId) {
    return recorded.stream()
        .filter(step -> step.nodeId().equals(nodeId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step of " + nodeId + " in " + recorded));
  }

  /** The steps announced, in order: those recorded before the execution first. */
  List<StepDocument> announced() {
    return announced;
  }
}
