package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Executes a run: loads the workflow version it names, orders its nodes, starts the run, executes
 * the steps and ends the run. A missing or invalid workflow version fails the run with its reason.
 */
@Component
public class RunEngine {

  private final WorkflowVersions versions;
  private final RunLifecycle lifecycle;
  private final StepScheduler steps;
  private final CancelRequests cancels;

  RunEngine(
      WorkflowVersions versions,
      RunLifecycle lifecycle,
      StepScheduler steps,
      CancelRequests cancels) {
    this.versions = versions;
    this.lifecycle = lifecycle;
    this.steps = steps;
    this.cancels = cancels;
  }

  /**
   * Executes a queued run, or resumes a running one; completes once its completion is published.
   */
  public Mono<Void> execute(RunDocument run) {
    return plan(run)
        .flatMap(
            plan ->
                switch (plan) {
                  case Plan.Ready(Workflow workflow) ->
                      lifecycle
                          .start(run)
                          .flatMap(
                              started ->
                                  stoppable(started, workflow)
                                      .flatMap(
                                          verdict ->
                                              lifecycle.finish(
                                                  started, workflow.finalNodeIds(), verdict)));
                  case Plan.Rejected(String reason) ->
                      lifecycle.finish(run, List.of(), Verdict.failed(reason));
                });
  }

  /**
   * The run's steps, unless cancellation is requested first: then they are cancelled (in-flight
   * HTTP calls and delays stop) and the run ends cancelled.
   */
  private Mono<Verdict> stoppable(RunDocument run, Workflow workflow) {
    return Mono.firstWithSignal(
        steps.run(run, workflow), cancels.requested(run.id()).map(id -> Verdict.cancelled()));
  }

  /** Publishes the completion of a run that has already ended (a redelivered request). */
  public Mono<Void> republishCompletion(RunDocument ended) {
    return versions
        .find(ended.workflowId(), ended.workflowVersion())
        .map(Workflow::finalNodeIds)
        .onErrorResume(IllegalArgumentException.class, invalid -> Mono.empty())
        .defaultIfEmpty(List.of())
        .flatMap(finalNodeIds -> lifecycle.publishCompletion(ended, finalNodeIds));
  }

  private Mono<Plan> plan(RunDocument run) {
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

  private sealed interface Plan {
    record Ready(Workflow workflow) implements Plan {}

    record Rejected(String reason) implements Plan {}
  }
}
