package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.trace.RunSpan;
import io.outrun.service.secret.SecretMask;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code log}: renders {@code data.message} and records it as {@code {"message": ...}}. */
@Component
class LogNode implements NodeExecutor {

  private static final Logger log = LoggerFactory.getLogger(LogNode.class);

  private final Templates templates;
  private final EvaluationExecutor evaluations;

  LogNode(Templates templates, EvaluationExecutor evaluations) {
    this.templates = templates;
    this.evaluations = evaluations;
  }

  @Override
  public String type() {
    return "log";
  }

  /**
   * CPU work bounded by its budget, on the expression threads (off Reactor and Netty threads); its
   * log line carries the run's trace and run id.
   */
  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return Mono.deferContextual(
        context -> {
          String traceId = RunSpan.in(context).map(RunSpan::traceId).orElse(null);
          return evaluations.run(
              () -> {
                try (var mdc = RunSpan.logging(traceId, call.context().runId())) {
                  return render(call);
                }
              });
        });
  }

  private NodeOutcome render(NodeCall call) {
    try {
      Map<String, Object> input = templates.resolveFields(call.data(), call.context());
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("message", input.getOrDefault("message", ""));
      log.info(
          "run {} node {}: {}",
          call.context().runId(),
          call.nodeId(),
          SecretMask.of(call.context().secrets().values()).value(output.get("message")));
      return new NodeOutcome.Succeeded(input, output);
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
  }
}
