package io.outrun.runner.node;

import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code condition}: evaluates the JSONata {@code data.expression}, which must be a boolean; the
 * output {@code {"result": true|false}} tells the engine which handle's edges to follow.
 */
@Component
class ConditionNode implements NodeExecutor {

  private final Expressions expressions;

  ConditionNode(Expressions expressions) {
    this.expressions = expressions;
  }

  @Override
  public String type() {
    return "condition";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU-bound (bounded by outrun.runner.expressions.timeout): keep it off I/O event loops
    return Mono.fromSupplier(() -> evaluate(call)).subscribeOn(Schedulers.parallel());
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
