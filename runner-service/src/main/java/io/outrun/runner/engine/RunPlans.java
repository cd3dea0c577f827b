package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.service.retention.RetentionProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What executing a run needs: its workflow version, ready to run, or why it cannot run. A run not
 * yet started whose request is older than runs are kept ({@code outrun.retention.runs}) is
 * rejected: its request may be a redelivery of one whose run ended and expired, which must not run
 * twice (docs/ARCHITECTURE.md, "Retention and idempotency").
 */
@Component
class RunPlans {

  /** A run ready to execute, or rejected with the reason its run fails with. */
  sealed interface Plan {
    record Ready(Workflow workflow) implements Plan {}

    record Rejected(String reason) implements Plan {}
  }

  private final WorkflowVersions versions;
  private final Duration retention;
  private final Clock clock;

  RunPlans(WorkflowVersions versions, RetentionProperties retention, Clock clock) {
    this.versions = versions;
    this.retention = retention.runs();
    this.clock = clock;
  }

  Mono<Plan> plan(RunDocument run) {
    if (outlived(run)) {
      return Mono.just(
          new Plan.Rejected(
              "the run was requested at "
                  + run.queuedAt()
                  + ", longer ago than runs are kept (outrun.retention.runs, "
                  + retention
                  + "); it is not run, as its run may have ended and expired already"));
    }
    String version = "workflow " + run.workflowId() + " version " + run.workflowVersion();
    return versions
        .find(run.workflowId(), run.workflowVersion())
        .map(
            workflow ->
                switch (TopologicalOrder.of(workflow)) {
                  case TopologicalOrder.Ordered ordered -> (Plan) new Plan.Ready(workflow);
                  case TopologicalOrder.Invalid(String reason) ->
                      new Plan.Rejected(version + " cannot run: " + reason);
                })
        .onErrorResume(
            IllegalArgumentException.class,
            invalid ->
                Mono.just(new Plan.Rejected(version + " is malformed: " + invalid.getMessage())))
        .defaultIfEmpty(new Plan.Rejected(version + " does not exist"));
  }

  /** The final nodes of an ended run's workflow version, for its completion event. */
  Mono<List<String>> finalNodeIds(RunDocument ended) {
    return versions
        .find(ended.workflowId(), ended.workflowVersion())
        .map(Workflow::finalNodeIds)
        .onErrorResume(IllegalArgumentException.class, invalid -> Mono.empty())
        .defaultIfEmpty(List.of());
  }

  /** Not started, and requested longer ago than an ended run is kept. */
  private boolean outlived(RunDocument run) {
    return run.startedAt() == null
        && run.queuedAt() != null
        && run.queuedAt().isBefore(clock.instant().minus(retention));
  }
}
