package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code respond}: the answer to the webhook request that started the run, {@code data: {status,
 * headers, body}} with templates in each (status defaults to 200). Its output is the checked answer
 * ({@link RespondAnswers}), which the run's completion carries to the listener holding the request;
 * in a run not started by a waiting webhook it does nothing else.
 */
@Component
class RespondNode implements NodeExecutor {

  private final Templates templates;
  private final EvaluationExecutor evaluations;

  RespondNode(Templates templates, EvaluationExecutor evaluations) {
    this.templates = templates;
    this.evaluations = evaluations;
  }

  @Override
  public String type() {
    return RespondAnswers.TYPE;
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU work bounded by its budget, on the expression threads: off Reactor and Netty threads
    return evaluations.run(() -> answer(call));
  }

  private NodeOutcome answer(NodeCall call) {
    try {
      Map<String, Object> input =
          new LinkedHashMap<>(templates.resolveFields(call.data(), call.context()));
      if (input.get("status") instanceof String status) {
        input.put("status", templates.render(status, call.context()));
      }
      return switch (RespondAnswers.check(input)) {
        case RespondAnswers.Checked.Answer(Map<String, Object> output) ->
            new NodeOutcome.Succeeded(input, output);
        case RespondAnswers.Checked.Refused(String reason) ->
            new NodeOutcome.Failed(input, "node '" + call.nodeId() + "': " + reason);
      };
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
  }
}
