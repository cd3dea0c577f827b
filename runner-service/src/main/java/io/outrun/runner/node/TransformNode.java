package io.outrun.runner.node;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code transform}: the output is the value of the JSONata {@code data.expression}. */
@Component
class TransformNode implements NodeExecutor {

  private final Expressions expressions;

  TransformNode(Expressions expressions) {
    this.expressions = expressions;
  }

  @Override
  public String type() {
    return "transform";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU-bound (bounded by outrun.runner.expressions.timeout): keep it off I/O event loops
    return Mono.fromSupplier(() -> evaluate(call)).subscribeOn(Schedulers.parallel());
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
