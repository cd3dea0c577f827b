package io.outrun.runner.engine;

import io.outrun.bus.EventPublisher;
import io.outrun.events.StepFinished;
import io.outrun.events.StepStatus;
import io.outrun.runner.node.ExpressionContext;
import io.outrun.runner.node.NodeCall;
import io.outrun.runner.node.NodeExecutors;
import io.outrun.runner.node.NodeOutcome;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore;
import io.outrun.runner.store.StepDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Executes a run's nodes one after another in topological order, recording each step as it
 * finishes; the first failed step ends the sequence. Steps a previous attempt already recorded as
 * completed are not executed again: their stored outputs are reused (and their {@link StepFinished}
 * published again, harmlessly, in case the previous attempt died before it could).
 */
@Component
class StepSequence {

  private final NodeExecutors nodes;
  private final RunStore store;
  private final EventPublisher publisher;
  private final Clock clock;

  StepSequence(NodeExecutors nodes, RunStore store, EventPublisher publisher, Clock clock) {
    this.nodes = nodes;
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  Mono<Verdict> run(RunDocument run, List<Workflow.Node> order) {
    Map<String, Object> outputs = new LinkedHashMap<>();
    run.steps().stream()
        .filter(StepDocument::completed)
        .forEach(s -> outputs.put(s.nodeId(), s.output()));
    List<Workflow.Node> pending = order.stream().filter(n -> !outputs.containsKey(n.id())).toList();
    return Flux.fromIterable(run.steps())
        .concatMap(recorded -> publisher.publish(stepFinished(run, recorded)))
        .then(priorFailure(run))
        .switchIfEmpty(
            Flux.fromIterable(pending)
                .concatMap(node -> execute(run, node, outputs))
                .takeUntil(StepDocument::failed)
                .filter(StepDocument::failed)
                .next()
                .map(failed -> Verdict.failed(failed.error()))
                .defaultIfEmpty(Verdict.completed()));
  }

  private static Mono<Verdict> priorFailure(RunDocument run) {
    return Mono.justOrEmpty(
        run.steps().stream()
            .filter(StepDocument::failed)
            .findFirst()
            .map(step -> Verdict.failed(step.error())));
  }

  private Mono<StepDocument> execute(
      RunDocument run, Workflow.Node node, Map<String, Object> outputs) {
    Instant startedAt = clock.instant();
    ExpressionContext context =
        new ExpressionContext(
            run.triggeredBy().payload(), new LinkedHashMap<>(outputs), run.id(), run.workflowId());
    return nodes
        .execute(new NodeCall(node.id(), node.type(), node.data(), context))
        .map(outcome -> step(node, outcome, startedAt))
        .flatMap(step -> record(run, step))
        .doOnNext(
            step -> {
              if (step.completed()) {
                outputs.put(step.nodeId(), step.output());
              }
            });
  }

  private Mono<StepDocument> record(RunDocument run, StepDocument step) {
    return store
        .appendStep(run.id(), step)
        .then(publisher.publish(stepFinished(run, step)))
        .thenReturn(step);
  }

  private StepDocument step(Workflow.Node node, NodeOutcome outcome, Instant startedAt) {
    long durationMs = Duration.between(startedAt, clock.instant()).toMillis();
    return switch (outcome) {
      case NodeOutcome.Succeeded(Map<String, Object> input, Object output, var usage) ->
          new StepDocument(
              node.id(),
              node.type(),
              StepDocument.COMPLETED,
              1,
              startedAt,
              durationMs,
              input,
              output,
              null);
      case NodeOutcome.Failed(Map<String, Object> input, String error, var retry, var usage) ->
          new StepDocument(
              node.id(),
              node.type(),
              StepDocument.FAILED,
              1,
              startedAt,
              durationMs,
              input,
              null,
              error);
    };
  }

  private StepFinished stepFinished(RunDocument run, StepDocument step) {
    return StepFinished.of(
        step.startedAt().plusMillis(step.durationMs()),
        run.workspaceId(),
        run.workflowId(),
        run.id(),
        step.nodeId(),
        step.nodeType(),
        StepStatus.valueOf(step.status().toUpperCase(Locale.ROOT)),
        step.attempts(),
        step.durationMs(),
        step.error());
  }
}
