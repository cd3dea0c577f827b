package io.outrun.runner.engine;

import io.outrun.runner.store.StepDocument;
import io.outrun.service.secret.SecretMask;
import java.time.Instant;
import java.util.Map;

/**
 * What a step records of its call: the input as configured (templates that name secrets, not their
 * values), sensitive headers masked, and no secret value anywhere in input, output or error. The
 * step document is what MongoDB, {@code GET /api/runs/{id}}, {@code step-finished} and {@code
 * run-completed} show, and what later steps see as {@code $steps.<id>.output}. Pure.
 */
final class StepMasks {

  private StepMasks() {}

  static StepDocument masked(StepDocument step, Map<String, Object> written, SecretMask mask) {
    return new StepDocument(
        step.nodeId(),
        step.nodeType(),
        step.status(),
        step.attempts(),
        step.startedAt(),
        step.durationMs(),
        mask.input(written, step.input()),
        mask.output(step.output()),
        mask.text(step.error()),
        step.usage());
  }

  /** A step that failed before any attempt, its input the configuration as written. */
  static StepDocument refused(Workflow.Node node, String error, Instant now) {
    StepDocument refused = StepRecords.refused(node, error, now);
    return masked(refused, node.data(), SecretMask.NONE);
  }
}
