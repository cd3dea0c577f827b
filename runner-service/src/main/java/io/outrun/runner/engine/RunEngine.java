package io.outrun.runner.engine;

import io.outrun.runner.engine.RunPlans.Plan;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore.Start;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Executes a run: loads the workflow version it names ({@link #prepare}), then ({@link #execute})
 * starts the run under this runner's lease, executes the steps and ends the run. A missing or
 * invalid workflow version, or a request older than runs are kept ({@link RunPlans}), fails the run
 * with its reason. A run another runner holds is waited for until that runner's lease expires; then
 * it is resumed, or found ended.
 */
@Component
public class RunEngine {

  private final RunPlans plans;
  private final RunLifecycle lifecycle;
  private final StepScheduler steps;
  private final CancelRequests cancels;
  private final RunLeases leases;

  RunEngine(
      RunPlans plans,
      RunLifecycle lifecycle,
      StepScheduler steps,
      CancelRequests cancels,
      RunLeases leases) {
    this.plans = plans;
    this.lifecycle = lifecycle;
    this.steps = steps;
    this.cancels = cancels;
    this.leases = leases;
  }

  /** Loads what executing the run needs; tells its workflow's concurrency limit. */
  public Mono<Prepared> prepare(RunDocument run) {
    return plans.plan(run).map(plan -> new Prepared(run, plan));
  }

  /**
   * Executes a queued run, or resumes a running one; completes once its completion is published.
   */
  public Mono<Void> execute(Prepared prepared) {
    RunDocument run = prepared.run;
    return switch (prepared.plan) {
      case Plan.Ready(Workflow workflow) ->
          leases.exclusively(
              run.id(),
              () ->
                  cancels.watching(
                      run.id(), cancel -> startThenRun(run.id(), run.traceId(), workflow, cancel)));
      case Plan.Rejected(String reason) ->
          lifecycle.finish(run, run.steps(), List.of(), Verdict.failed(reason));
    };
  }

  /**
   * Executes a run nothing of this runner has stored yet ({@code prepared} from the request alone):
   * created, or started where it is queued, in one write, then executed. Emits {@code false},
   * having done nothing, when the run exists in another state (running, ended, another request's)
   * or cannot run: the caller then creates or loads it and {@link #execute}s it.
   */
  public Mono<Boolean> executeFresh(Prepared prepared) {
    if (!(prepared.plan instanceof Plan.Ready(Workflow workflow))) {
      return Mono.just(false);
    }
    String runId = prepared.run.id();
    return leases.exclusively(
        runId,
        () ->
            cancels.watching(
                runId,
                cancel ->
                    Mono.defer(
                        () -> {
                          Announcements announcements = new Announcements();
                          return lifecycle
                              .begin(prepared.run, leases.lease(), announcements)
                              .flatMap(
                                  run ->
                                      runSteps(run, workflow, cancel, announcements)
                                          .thenReturn(true))
                              .defaultIfEmpty(false);
                        })));
  }

  private Mono<Void> startThenRun(
      String runId, String traceId, Workflow workflow, Mono<Void> cancel) {
    return Mono.defer(
        () -> {
          Announcements announcements = new Announcements();
          return lifecycle
              .start(runId, traceId, leases.lease(), announcements)
              .flatMap(
                  start ->
                      switch (start) {
                        case Start.Started(RunDocument run) ->
                            runSteps(run, workflow, cancel, announcements);
                        case Start.Resumed(RunDocument run) ->
                            runSteps(run, workflow, cancel, announcements);
                        case Start.Ended(RunDocument run) ->
                            endedAlready(run, workflow.finalNodeIds());
                        case Start.Held held ->
                            leases
                                .expiry(held.until())
                                .then(
                                    Mono.defer(
                                        () -> startThenRun(runId, traceId, workflow, cancel)));
                      });
        });
  }

  /**
   * The run's steps, unless cancellation is requested first: then they are cancelled (in-flight
   * HTTP calls and delays stop) and the run ends cancelled. The run ends once everything {@code
   * announcements} sent is acknowledged.
   */
  private Mono<Void> runSteps(
      RunDocument run, Workflow workflow, Mono<Void> cancel, Announcements announcements) {
    Mono<Verdict> cancelled =
        CancelRequests.requested(run, cancel).then(Mono.fromSupplier(Verdict::cancelled));
    StepTrail trail = new StepTrail(run, announcements);
    return Mono.firstWithSignal(steps.run(run, workflow, trail), cancelled)
        .flatMap(
            verdict ->
                announcements
                    .acknowledged()
                    .then(
                        Mono.defer(
                            () ->
                                lifecycle.finish(
                                    run, trail, workflow.finalNodeIds(), verdict, announcements))));
  }

  /**
   * Fails a run that no attempt can execute (it cannot be stored as it is) with {@code reason}, and
   * publishes its completion as for any run; a run that has ended is left as it is.
   */
  public Mono<Void> refuse(RunDocument run, String reason) {
    return lifecycle.finish(run, run.steps(), List.of(), Verdict.failed(reason));
  }

  /** Publishes the completion of a run that has already ended (a redelivered request). */
  public Mono<Void> republishCompletion(RunDocument ended) {
    return plans.finalNodeIds(ended).flatMap(finalNodeIds -> endedAlready(ended, finalNodeIds));
  }

  /**
   * A run found ended: its steps announced again ({@link StepScheduler#announceAgain}), then its
   * completion published.
   */
  private Mono<Void> endedAlready(RunDocument ended, List<String> finalNodeIds) {
    return steps
        .announceAgain(ended)
        .then(Mono.defer(() -> lifecycle.publishCompletion(ended, finalNodeIds)));
  }

  /** A run and what executing it needs. */
  public static final class Prepared {

    private final RunDocument run;
    private final Plan plan;

    private Prepared(RunDocument run, Plan plan) {
      this.run = run;
      this.plan = plan;
    }

    /** {@code settings.concurrency} of the run's workflow version; 0: no limit. */
    public int concurrency() {
      return plan instanceof Plan.Ready(Workflow workflow) ? workflow.settings().concurrency() : 0;
    }
  }
}
