package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Expressions;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code condition}: evaluates the JSONata {@code data.expression}, which must be a boolean; the
 * output {@code {"result": true|false}} tells the engine which handle's edges to follow.
 */
@Component
class ConditionNode implements NodeExecutor {

  private final Expressions expressions;
  private final EvaluationExecutor evaluations;

  ConditionNode(Expressions expressions, EvaluationExecutor evaluations) {
    this.expressions = expressions;
    this.evaluations = evaluations;
  }

  @Override
  public String type() {
    return "condition";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU work bounded by its budget, on the expression threads: off Reactor and Netty threads
    return evaluations.run(() -> evaluate(call));
  }

  private NodeOutcome evaluate(NodeCall call) {
    if (!(call.data().get("expression") instanceof String expression) || expression.isBlank()) {
      return new NodeOutcome.Failed(
          call.data(), "node '" + call.nodeId() + "': a condition needs data.expression");
    }
    try {
      if (expressions.evaluate(expression, call.context()) instanceof Boolean result) {
        return new NodeOutcome.Succeeded(call.data(), Map.of("result", result));
      }
      return new NodeOutcome.Failed(
          call.data(),
          "node '"
              + call.nodeId()
              + "': condition expression '"
              + expression
              + "' must give true or false");
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
  }
}
