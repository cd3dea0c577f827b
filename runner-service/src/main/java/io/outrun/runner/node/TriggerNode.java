package io.outrun.runner.node;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * {@code trigger.<type>}: a trigger on the canvas, an entry point of the graph. Its {@code data} is
 * the trigger's config, which the listener acts on; here it only hands the run's trigger payload
 * on: its output is {@code $trigger}, so the nodes after it read it as {@code
 * $steps.<triggerNode>.output} too. Its input is recorded empty (the config is not the step's).
 */
final class TriggerNode implements NodeExecutor {

  private final String type;

  TriggerNode(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return Mono.just(new NodeOutcome.Succeeded(Map.of(), call.context().trigger()));
  }
}
