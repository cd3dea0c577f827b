package io.outrun.runner.store;

import io.outrun.service.StoredJson;
import java.util.List;
import java.util.Map;

/**
 * The user JSON inside a run, as {@link StoredJson} stores it: the trigger payload and every step's
 * input and output. The store converts on the way in and out, so the rest of the runner only ever
 * sees JSON as the user wrote it, and no key a webhook sender or an expression chose (a NUL, a
 * leading {@code $}, a dot) can fail a write or become an update operator.
 */
final class StoredRuns {

  private StoredRuns() {}

  static RunDocument toStored(RunDocument run) {
    Map<String, Object> payload = StoredJson.toStored(run.triggeredBy().payload());
    List<StepDocument> steps = run.steps().stream().map(StoredRuns::toStored).toList();
    return run.withJson(run.triggeredBy().withPayload(payload), steps);
  }

  static RunDocument fromStored(RunDocument run) {
    Map<String, Object> payload = StoredJson.fromStored(run.triggeredBy().payload());
    List<StepDocument> steps = run.steps().stream().map(StoredRuns::fromStored).toList();
    return run.withJson(run.triggeredBy().withPayload(payload), steps);
  }

  static StepDocument toStored(StepDocument step) {
    return step.withJson(StoredJson.toStored(step.input()), StoredJson.toStored(step.output()));
  }

  private static StepDocument fromStored(StepDocument step) {
    return step.withJson(StoredJson.fromStored(step.input()), StoredJson.fromStored(step.output()));
  }
}
