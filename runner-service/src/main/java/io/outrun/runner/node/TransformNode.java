package io.outrun.runner.node;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code transform}: the output is the value of the JSONata {@code data.expression}. */
@Component
class TransformNode implements NodeExecutor {

  private final ExpressionNodes expressions;

  TransformNode(ExpressionNodes expressions) {
    this.expressions = expressions;
  }

  @Override
  public String type() {
    return "transform";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return expressions.evaluate(
        call, "a transform", (expression, value) -> new NodeOutcome.Succeeded(call.data(), value));
  }
}
