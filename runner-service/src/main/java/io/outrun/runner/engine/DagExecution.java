package io.outrun.runner.engine;

import io.outrun.runner.node.ExpressionContext;
import io.outrun.runner.node.Measured;
import io.outrun.runner.node.NodeCall;
import io.outrun.runner.node.TokenBudget;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One execution of a run's graph. Ready nodes go through a sink into a bounded {@code flatMap};
 * each finished step settles its node and releases the nodes that became ready at once, and is
 * recorded meanwhile (in order; the verdict waits for every recording). State changes and emissions
 * happen under this object's lock, so the sink sees serialized signals. Work per step is
 * independent of the size of the graph (see {@link DagPlan.Progress} and {@link StepOutputs}).
 */
final class DagExecution {

  private record Task(Workflow.Node node, boolean skip) {}

  private final RunDocument run;
  private final Workflow workflow;
  private final DagPlan plan;
  private final DagPlan.Progress progress;
  private final NodeAttempts attempts;
  private final Predicate<String> consumesAiTokens;
  private final BiFunction<RunDocument, StepDocument, Mono<StepDocument>> recorder;
  private final Clock clock;
  private final Map<String, Object> trigger;
  private final StepOutputs outputs;
  private int settledSteps;
  private long aiTokensUsed;
  private final Sinks.Many<Task> tasks = Sinks.many().unicast().onBackpressureBuffer();

  DagExecution(
      RunDocument run,
      Workflow workflow,
      NodeAttempts attempts,
      Predicate<String> consumesAiTokens,
      BiFunction<RunDocument, StepDocument, Mono<StepDocument>> recorder,
      Clock clock) {
    this.run = run;
    this.workflow = workflow;
    this.plan = new DagPlan(workflow);
    this.attempts = attempts;
    this.consumesAiTokens = consumesAiTokens;
    this.aiTokensUsed = run.usage().aiTokensUsed();
    this.recorder = recorder;
    this.clock = clock;
    this.outputs = new StepOutputs(workflow.nodes());
    this.trigger =
        run.triggeredBy().payload() == null ? Map.of() : Measured.map(run.triggeredBy().payload());
    Map<String, DagPlan.Settled> recorded = new HashMap<>();
    run.steps().stream()
        .filter(step -> plan.contains(step.nodeId()) && !step.failed())
        .forEach(
            step -> {
              if (recorded.put(step.nodeId(), StepRecords.settlement(step)) == null) {
                remember(step);
              }
            });
    this.progress = plan.progress(recorded);
  }

  Mono<Verdict> verdict() {
    synchronized (this) {
      release(progress.start());
    }
    return tasks
        .asFlux()
        .flatMap(
            task ->
                task.skip()
                    ? Mono.fromSupplier(() -> StepRecords.skipped(task.node(), clock.instant()))
                    : execute(task.node()),
            StepScheduler.CONCURRENCY)
        .doOnNext(this::settle)
        .flatMapSequential(step -> recorder.apply(run, step))
        .takeUntil(StepDocument::failed)
        .filter(StepDocument::failed)
        .next()
        .map(failed -> Verdict.failed(failed.error()))
        .defaultIfEmpty(Verdict.completed());
  }

  private Mono<StepDocument> execute(Workflow.Node node) {
    return Mono.defer(
        () -> {
          Instant startedAt = clock.instant();
          if (overBudget(node)) {
            long max = workflow.settings().maxTokensPerRun().getAsLong();
            return Mono.just(
                StepRecords.refused(node, TokenBudget.exhaustedMessage(max), startedAt));
          }
          try {
            var policy = NodeAttempts.policyFor(node, workflow.settings().retryPolicy());
            var timeout = NodeAttempts.timeoutFor(node);
            return attempts
                .execute(call(node), policy, timeout)
                .map(done -> StepRecords.finished(node, done, startedAt, clock.instant()));
          } catch (IllegalArgumentException malformed) {
            return Mono.just(
                StepRecords.refused(
                    node, "node '" + node.id() + "': " + malformed.getMessage(), startedAt));
          }
        });
  }

  private synchronized NodeCall call(Workflow.Node node) {
    ExpressionContext context =
        new ExpressionContext(trigger, outputs.snapshot(), run.id(), run.workflowId());
    return new NodeCall(node.id(), node.type(), node.data(), context);
  }

  /** An AI node once the run has used its token budget: it fails before calling out. */
  private synchronized boolean overBudget(Workflow.Node node) {
    return consumesAiTokens.test(node.type())
        && !TokenBudget.allows(aiTokensUsed, workflow.settings().maxTokensPerRun());
  }

  private synchronized void settle(StepDocument step) {
    aiTokensUsed += step.usage().aiTokensUsed();
    if (!step.failed()) {
      remember(step);
      release(progress.settle(step.nodeId(), StepRecords.settlement(step)));
    }
  }

  private void remember(StepDocument step) {
    settledSteps++;
    if (step.completed()) {
      outputs.add(step.nodeId(), step.output());
    }
  }

  /** Starts the nodes that became ready; completes once every node's step is recorded. */
  private void release(DagPlan.Next next) {
    if (settledSteps == plan.size()) {
      tasks.tryEmitComplete();
      return;
    }
    next.skip().forEach(node -> tasks.tryEmitNext(new Task(node, true)));
    next.run().forEach(node -> tasks.tryEmitNext(new Task(node, false)));
  }
}
