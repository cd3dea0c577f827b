package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.service.retention.RetentionProperties;
import io.outrun.service.retention.RetentionRule;
import io.outrun.service.retention.WorkspaceRetentions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What executing a run needs: its workflow version, ready to run, or why it cannot run. A run not
 * yet started whose request is older than its workspace's runs are kept ({@code
 * retention.runsDays}, else {@code outrun.retention.runs}) is rejected: its request may be a
 * redelivery of one whose run ended and expired, which must not run twice (docs/ARCHITECTURE.md,
 * "Retention and idempotency"). The workspace's setting is read only for a request older than the
 * shortest retention a workspace may have (a day), so a fresh run costs no read.
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
  private final WorkspaceRetentions workspaces;
  private final Clock clock;

  RunPlans(
      WorkflowVersions versions,
      RetentionProperties retention,
      WorkspaceRetentions workspaces,
      Clock clock) {
    this.versions = versions;
    this.retention = retention.runs();
    this.workspaces = workspaces;
    this.clock = clock;
  }

  Mono<Plan> plan(RunDocument run) {
    return outlived(run)
        .map(
            expiredBefore ->
                (Plan)
                    new Plan.Rejected(
                        "the run was requested at "
                            + run.queuedAt()
                            + ", longer ago than runs are kept (runs of workspace "
                            + run.workspaceId()
                            + " ended before "
                            + expiredBefore
                            + " may have expired: its retention.runsDays, else"
                            + " outrun.retention.runs, "
                            + retention
                            + "); it is not run, as its run may have ended and expired already"))
        .switchIfEmpty(Mono.defer(() -> ready(run)));
  }

  private Mono<Plan> ready(RunDocument run) {
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

  /**
   * Not started, and requested before runs of its workspace may have expired: emits that instant;
   * empty when the run may go ahead.
   */
  private Mono<Instant> outlived(RunDocument run) {
    Instant now = clock.instant();
    Duration shortest =
        retention.compareTo(RetentionRule.MIN_OVERRIDE) < 0
            ? retention
            : RetentionRule.MIN_OVERRIDE;
    if (run.startedAt() != null
        || run.queuedAt() == null
        || !run.queuedAt().isBefore(now.minus(shortest))) {
      return Mono.empty();
    }
    return workspaces
        .runsExpiredBefore(run.workspaceId(), retention, now)
        .filter(expiredBefore -> run.queuedAt().isBefore(expiredBefore));
  }
}
