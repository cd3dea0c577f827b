package io.outrun.runner.engine;

import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.secret.WorkspaceSecrets;
import io.outrun.runner.store.RetriedRuns;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
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
 *
 * <p>A retry ({@code triggeredBy.retryOf}) first records the completed steps of the run it retries
 * as its own, reused and using nothing ({@link RetriedRuns}); the graph then starts from them as
 * from recorded steps, so only the failed, cancelled and never-started nodes run, and they see the
 * reused outputs as {@code $steps}.
 */
@Component
class StepScheduler {

  static final int CONCURRENCY = 8;

  private final NodeSteps steps;
  private final StepLog log;
  private final Function<RunDocument, Mono<List<StepDocument>>> reusable;
  private final Clock clock;

  @Autowired
  StepScheduler(
      NodeExecutors nodes,
      StepLog log,
      WorkspaceSecrets secrets,
      RetriedRuns retried,
      Clock clock) {
    this(nodes, log, secrets, retried::reusableSteps, clock);
  }

  /** {@code reusable}: the steps a run takes over from the run it retries. */
  StepScheduler(
      NodeExecutors nodes,
      StepLog log,
      WorkspaceSecrets secrets,
      Function<RunDocument, Mono<List<StepDocument>>> reusable,
      Clock clock) {
    NodeAttempts attempts =
        new NodeAttempts(nodes::execute, () -> ThreadLocalRandom.current().nextDouble());
    this.steps = new NodeSteps(attempts, nodes::consumesAiTokens, log, secrets, clock);
    this.log = log;
    this.reusable = reusable;
    this.clock = clock;
  }

  /**
   * Executes the run's steps; each one recorded is added to {@code trail} and announced through it,
   * after those an earlier execution recorded.
   */
  Mono<Verdict> run(RunDocument run, Workflow workflow, StepTrail trail) {
    return Mono.fromRunnable(() -> trail.announceRecorded(run, log))
        .then(priorFailure(run))
        .switchIfEmpty(
            Mono.defer(
                () ->
                    withReusedSteps(run, trail)
                        .flatMap(
                            seeded ->
                                new DagExecution(seeded, workflow, steps.loggingTo(trail.over(log)))
                                    .verdict())))
        .transform(verdict -> bounded(verdict, run, workflow.settings().timeoutMs()));
  }

  /**
   * Announces again, in order, the steps of a run found ended: its last step is announced only
   * after the ending that stored it, so an execution that stopped in between left it unannounced.
   */
  Mono<Void> announceAgain(RunDocument ended) {
    return Flux.fromIterable(ended.steps()).concatMap(step -> log.announce(ended, step)).then();
  }

  /**
   * The run with the steps it takes over from the run it retries recorded (those not recorded
   * already, when it is resumed); the run itself when it retries none.
   */
  private Mono<RunDocument> withReusedSteps(RunDocument run, StepTrail trail) {
    Set<String> recorded =
        run.steps().stream().map(StepDocument::nodeId).collect(Collectors.toSet());
    StepLog recording = trail.over(log);
    return reusable
        .apply(run)
        .flatMapMany(Flux::fromIterable)
        .filter(step -> !recorded.contains(step.nodeId()))
        .flatMapSequential(step -> recording.record(run, step))
        .collectList()
        .map(
            reused ->
                reused.isEmpty()
                    ? run
                    : run.withJson(
                        run.triggeredBy(),
                        Stream.concat(run.steps().stream(), reused.stream()).toList()));
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
