package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code fail}: fails the step, and so the run, with the rendered {@code data.message}; never
 * retried.
 */
@Component
class FailNode implements NodeExecutor {

  private final Templates templates;
  private final EvaluationExecutor evaluations;

  FailNode(Templates templates, EvaluationExecutor evaluations) {
    this.templates = templates;
    this.evaluations = evaluations;
  }

  @Override
  public String type() {
    return "fail";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU work bounded by its budget, on the expression threads: off Reactor and Netty threads
    return evaluations.run(() -> render(call));
  }

  private NodeOutcome render(NodeCall call) {
    try {
      Map<String, Object> input = templates.resolveFields(call.data(), call.context());
      Object message = input.get("message");
      String error =
          message == null || message.toString().isBlank()
              ? "node '" + call.nodeId() + "' failed the run"
              : message.toString();
      return new NodeOutcome.Failed(input, error, NodeOutcome.Retry.NEVER, null);
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
  }
}
