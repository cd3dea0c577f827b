package io.outrun.runner.node;

import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code condition}: evaluates the JSONata {@code data.expression}, which must be a boolean; the
 * output {@code {"result": true|false}} tells the engine which handle's edges to follow.
 */
@Component
class ConditionNode implements NodeExecutor {

  private final ExpressionNodes expressions;

  ConditionNode(ExpressionNodes expressions) {
    this.expressions = expressions;
  }

  @Override
  public String type() {
    return "condition";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return expressions.evaluate(
        call, "a condition", (expression, value) -> decide(call, expression, value));
  }

  private static NodeOutcome decide(NodeCall call, String expression, Object value) {
    if (value instanceof Boolean result) {
      return new NodeOutcome.Succeeded(call.data(), Map.of("result", result));
    }
    return new NodeOutcome.Failed(
        call.data(),
        "node '"
            + call.nodeId()
            + "': condition expression '"
            + expression
            + "' must give true or false");
  }
}
