package io.outrun.runner.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code log}: renders {@code data.message} and records it as {@code {"message": ...}}. */
@Component
class LogNode implements NodeExecutor {

  private static final Logger log = LoggerFactory.getLogger(LogNode.class);

  private final Templates templates;

  LogNode(Templates templates) {
    this.templates = templates;
  }

  @Override
  public String type() {
    return "log";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // CPU-bound (bounded by outrun.runner.expressions.timeout): keep it off I/O event loops
    return Mono.fromSupplier(() -> render(call)).subscribeOn(Schedulers.parallel());
  }

  private NodeOutcome render(NodeCall call) {
    try {
      Map<String, Object> input = templates.resolveFields(call.data(), call.context());
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("message", input.getOrDefault("message", ""));
      log.info("run {} node {}: {}", call.context().runId(), call.nodeId(), output.get("message"));
      return new NodeOutcome.Succeeded(input, output);
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
  }
}
