package io.outrun.runner.node;

import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code fail}: fails the step, and so the run, with the rendered {@code data.message}; never
 * retried.
 */
@Component
class FailNode implements NodeExecutor {

  private final Templates templates;

  FailNode(Templates templates) {
    this.templates = templates;
  }

  @Override
  public String type() {
    return "fail";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU-bound (bounded by outrun.runner.expressions.timeout): keep it off I/O event loops
    return Mono.fromSupplier(() -> render(call)).subscribeOn(Schedulers.parallel());
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
