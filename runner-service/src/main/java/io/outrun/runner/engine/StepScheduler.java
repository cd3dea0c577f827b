package io.outrun.runner.engine;

import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.secret.WorkspaceSecrets;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Executes a run's nodes as a DAG: a node starts once all its predecessors are settled, independent
 * branches run in parallel (at most {@link #CONCURRENCY} nodes at once), and a condition's untaken
 * branch is recorded as skipped (see {@link DagPlan}). The first failed step fails the run: steps
 * in flight are cancelled and nodes not started are not run. The workflow's {@code
 * settings.timeoutMs}, counted from the run's start, bounds the whole run the same way.
 *
 * <p>A step's successors start as soon as it has finished, while it is being written; its {@code
 * StepFinished} is published once it is stored, and the run ends only after all its steps are.
 *
 * <p>Steps a previous attempt already recorded are not executed again: their stored outputs are
 * reused (and their {@code StepFinished} published again, harmlessly, in case the previous attempt
 * died before it could).
 */
@Component
class StepScheduler {

  static final int CONCURRENCY = 8;

  private final NodeSteps steps;
  private final StepLog log;
  private final Clock clock;

  StepScheduler(NodeExecutors nodes, StepLog log, WorkspaceSecrets secrets, Clock clock) {
    NodeAttempts attempts =
        new NodeAttempts(nodes::execute, () -> ThreadLocalRandom.current().nextDouble());
    this.steps = new NodeSteps(attempts, nodes::consumesAiTokens, log, secrets, clock);
    this.log = log;
    this.clock = clock;
  }

  /** Executes the run's steps; each one recorded is added to {@code trail}. */
  Mono<Verdict> run(RunDocument run, Workflow workflow, StepTrail trail) {
    return Flux.fromIterable(run.steps())
        .concatMap(recorded -> log.republish(run, recorded))
        .then(priorFailure(run))
        .switchIfEmpty(
            Mono.defer(
                () -> new DagExecution(run, workflow, steps.loggingTo(trail.over(log))).verdict()))
        .transform(verdict -> bounded(verdict, run, workflow.settings().timeoutMs()));
  }

  private Mono<Verdict> bounded(Mono<Verdict> verdict, RunDocument run, Long timeoutMs) {
    if (timeoutMs == null) {
      return verdict;
    }
    long elapsed =
        run.startedAt() == null ? 0 : Math.max(0, clock.millis() - run.startedAt().toEpochMilli());
    Duration remaining = Duration.ofMillis(Math.max(0, timeoutMs - elapsed));
    return verdict.timeout(
        remaining,
        Mono.fromSupplier(
            () -> Verdict.failed("run exceeded its timeout of " + timeoutMs + " ms")));
  }

  private static Mono<Verdict> priorFailure(RunDocument run) {
    return Mono.justOrEmpty(
        run.steps().stream()
            .filter(StepDocument::failed)
            .findFirst()
            .map(step -> Verdict.failed(step.error())));
  }
}
