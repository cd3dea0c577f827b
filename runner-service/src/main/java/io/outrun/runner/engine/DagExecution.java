package io.outrun.runner.engine;

import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.expression.Measured;
import io.outrun.runner.node.NodeCall;
import io.outrun.runner.node.RunScope;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.StepDocument;
import io.outrun.runner.usage.TokenAllowance;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One execution of a run's graph. Ready nodes go through a sink into a bounded {@code flatMap};
 * each finished step settles its node and releases the nodes that became ready at once, and is
 * recorded meanwhile (in order; the verdict waits for every recording). The last step, which
 * settles the last node or fails the run, is recorded by {@link StepLog#recordLast}: with the run's
 * ending where the log can. State changes and emissions happen under this object's lock, so the
 * sink sees serialized signals. Work per step is independent of the size of the graph (see {@link
 * DagPlan.Progress} and {@link StepOutputs}).
 */
final class DagExecution {

  private record Task(Workflow.Node node, boolean skip) {}

  private record Settled(StepDocument step, boolean last) {}

  private final RunDocument run;
  private final Workflow workflow;
  private final DagPlan plan;
  private final DagPlan.Progress progress;
  private final NodeSteps steps;
  private final Map<String, Object> trigger;
  private final StepOutputs outputs;
  private int settledSteps;
  private long aiTokensUsed;
  private final Sinks.Many<Task> tasks = Sinks.many().unicast().onBackpressureBuffer();

  DagExecution(RunDocument run, Workflow workflow, NodeSteps steps) {
    this.run = run;
    this.workflow = workflow;
    this.plan = new DagPlan(workflow);
    this.steps = steps;
    this.aiTokensUsed = run.usage().aiTokensUsed();
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
    this.progress = plan.progress(recorded, run.triggeredBy().nodeId());
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
                    ? Mono.fromSupplier(() -> steps.skipped(task.node()))
                    : execute(task.node()),
            StepScheduler.CONCURRENCY)
        .map(this::settle)
        .flatMapSequential(
            settled ->
                settled.last()
                    ? steps.recordLast(run, settled.step())
                    : steps.record(run, settled.step()))
        .takeUntil(StepDocument::failed)
        .filter(StepDocument::failed)
        .next()
        .map(failed -> Verdict.failed(failed.error()))
        .defaultIfEmpty(Verdict.completed());
  }

  private Mono<StepDocument> execute(Workflow.Node node) {
    return Mono.defer(
        () ->
            steps.attempt(
                run.workspaceId(), workflow.settings(), node, call(node), aiTokensUsed()));
  }

  private synchronized NodeCall call(Workflow.Node node) {
    ExpressionContext context =
        new ExpressionContext(trigger, outputs.snapshot(), run.id(), run.workflowId());
    RunScope scope =
        new RunScope(run.workspaceId(), run.id(), run.workflowId(), run.chainDepth(), run.test());
    return new NodeCall(
        node.id(), node.type(), node.data(), context, scope, 1, TokenAllowance.UNLIMITED);
  }

  private synchronized long aiTokensUsed() {
    return aiTokensUsed;
  }

  /**
   * Settles {@code step}'s node and releases the nodes it made ready; it is the run's last step
   * when it failed (the run fails with it) or settled the last node.
   */
  private synchronized Settled settle(StepDocument step) {
    aiTokensUsed += step.usage().aiTokensUsed();
    if (step.failed()) {
      return new Settled(step, true);
    }
    remember(step);
    release(progress.settle(step.nodeId(), StepRecords.settlement(step)));
    return new Settled(step, settledSteps == plan.size());
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
