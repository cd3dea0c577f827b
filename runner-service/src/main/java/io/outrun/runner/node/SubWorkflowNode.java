package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Expressions;
import io.outrun.runner.subflow.ChildOutcome;
import io.outrun.runner.subflow.Parent;
import io.outrun.runner.subflow.SubWorkflows;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code sub_workflow}: runs the active workflow {@code data.workflowId} of the run's workspace as
 * a child run ({@link SubWorkflows}), its {@code $trigger} the object the JSONata {@code
 * data.input} gives ({@code $trigger} by default). With {@code data.waitForCompletion} (default
 * true) the output is {@code {runId, outputs}} once the child completed; a failed, cancelled or
 * late child fails the step, naming the child's run id. Without waiting the output is {@code
 * {runId}}. Failures are not retried: a retry would be another attempt, and so another child run.
 */
@Component
class SubWorkflowNode implements NodeExecutor {

  static final String TYPE = "sub_workflow";

  private final SubWorkflows subWorkflows;
  private final Expressions expressions;
  private final EvaluationExecutor evaluations;

  SubWorkflowNode(
      SubWorkflows subWorkflows, Expressions expressions, EvaluationExecutor evaluations) {
    this.subWorkflows = subWorkflows;
    this.expressions = expressions;
    this.evaluations = evaluations;
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The parent a node's call names: its run, node and attempt. */
  static Parent parentOf(NodeCall call) {
    RunScope run = call.run();
    return new Parent(
        run.workspaceId(),
        run.runId(),
        call.nodeId(),
        call.attempt(),
        run.chainDepth(),
        run.test());
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    Map<String, Object> data = call.data();
    if (!(data.get("workflowId") instanceof String workflowId) || workflowId.isBlank()) {
      return refused(call, "a sub_workflow needs data.workflowId, a workflow id");
    }
    Object wait = data.getOrDefault("waitForCompletion", true);
    if (!(wait instanceof Boolean waitForCompletion)) {
      return refused(call, "data.waitForCompletion must be true or false");
    }
    Duration timeout =
        data.get("timeoutMs") instanceof Number ms ? Duration.ofMillis(ms.longValue()) : null;
    return evaluations
        .run(() -> input(call))
        .flatMap(
            input ->
                switch (input) {
                  case Input.Given(Map<String, Object> value) ->
                      subWorkflows
                          .run(parentOf(call), workflowId, value, waitForCompletion, timeout)
                          .map(outcome -> outcome(call, outcome));
                  case Input.Refused(String reason) -> refused(call, reason);
                });
  }

  private sealed interface Input {
    record Given(Map<String, Object> value) implements Input {}

    record Refused(String reason) implements Input {}
  }

  @SuppressWarnings("unchecked")
  private Input input(NodeCall call) {
    Object expression = call.data().get("input");
    if (expression == null) {
      return new Input.Given(call.context().trigger());
    }
    if (!(expression instanceof String text) || text.isBlank()) {
      return new Input.Refused("data.input must be a JSONata expression");
    }
    try {
      Object value = expressions.evaluate(text, call.context());
      return value instanceof Map<?, ?> map
          ? new Input.Given((Map<String, Object>) map)
          : new Input.Refused(
              "data.input must give an object (the child's $trigger), not " + kind(value));
    } catch (ExpressionException e) {
      // the message without its "node '<id>': " prefix, which refused() adds
      return new Input.Refused(
          e.describeFor(call.nodeId()).substring(("node '" + call.nodeId() + "': ").length()));
    }
  }

  private static String kind(Object value) {
    return switch (value) {
      case null -> "nothing";
      case List<?> list -> "an array";
      case String text -> "a string";
      case Number number -> "a number";
      case Boolean bool -> "a boolean";
      default -> value.getClass().getSimpleName();
    };
  }

  private static NodeOutcome outcome(NodeCall call, ChildOutcome outcome) {
    return switch (outcome) {
      case ChildOutcome.Started(String runId) ->
          new NodeOutcome.Succeeded(call.data(), Map.of("runId", runId));
      case ChildOutcome.Completed completed ->
          new NodeOutcome.Succeeded(call.data(), output(completed));
      default ->
          new NodeOutcome.Failed(
              call.data(), "node '" + call.nodeId() + "': " + outcome.problem().orElseThrow());
    };
  }

  /** {@code {runId, outputs}}: what a completed child gives the step (or an agent's tool). */
  static Map<String, Object> output(ChildOutcome.Completed completed) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("runId", completed.runId());
    output.put("outputs", completed.outputs());
    return output;
  }

  private static Mono<NodeOutcome> refused(NodeCall call, String reason) {
    return Mono.just(
        new NodeOutcome.Failed(call.data(), "node '" + call.nodeId() + "': " + reason));
  }
}
