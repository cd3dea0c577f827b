package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Expressions;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code transform}: the output is the value of the JSONata {@code data.expression}. */
@Component
class TransformNode implements NodeExecutor {

  private final Expressions expressions;
  private final EvaluationExecutor evaluations;

  TransformNode(Expressions expressions, EvaluationExecutor evaluations) {
    this.expressions = expressions;
    this.evaluations = evaluations;
  }

  @Override
  public String type() {
    return "transform";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU work bounded by its budget, on the expression threads: off Reactor and Netty threads
    return evaluations.run(() -> evaluate(call));
  }

  private NodeOutcome evaluate(NodeCall call) {
    if (!(call.data().get("expression") instanceof String expression) || expression.isBlank()) {
      return new NodeOutcome.Failed(
          call.data(), "node '" + call.nodeId() + "': a transform needs data.expression");
    }
    try {
      return new NodeOutcome.Succeeded(
          call.data(), expressions.evaluate(expression, call.context()));
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
  }
}
