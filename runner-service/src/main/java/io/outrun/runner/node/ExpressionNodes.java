package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Expressions;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the nodes built on one JSONata {@code data.expression} ({@code transform}, {@code
 * condition}) share: the expression read from the node's data, evaluated within its budget on the
 * expression threads (off Reactor and Netty threads), and a missing expression or an expression
 * error as the node's failure.
 */
@Component
class ExpressionNodes {

  private final Expressions expressions;
  private final EvaluationExecutor evaluations;

  ExpressionNodes(Expressions expressions, EvaluationExecutor evaluations) {
    this.expressions = expressions;
    this.evaluations = evaluations;
  }

  /**
   * Evaluates {@code call}'s {@code data.expression} and makes its value the node's outcome with
   * {@code outcome} (given the expression and its value); {@code kind} names the node in the error
   * of a missing expression ("a transform").
   */
  Mono<NodeOutcome> evaluate(
      NodeCall call, String kind, BiFunction<String, Object, NodeOutcome> outcome) {
    return evaluations.run(
        () -> {
          if (!(call.data().get("expression") instanceof String expression)
              || expression.isBlank()) {
            return new NodeOutcome.Failed(
                call.data(), "node '" + call.nodeId() + "': " + kind + " needs data.expression");
          }
          try {
            return outcome.apply(expression, expressions.evaluate(expression, call.context()));
          } catch (ExpressionException e) {
            return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
          }
        });
  }
}
