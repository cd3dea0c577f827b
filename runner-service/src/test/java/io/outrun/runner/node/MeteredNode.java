package io.outrun.runner.node;

import io.outrun.runner.usage.NodeUsage;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Test-only node type {@code metered}: succeeds and reports the usage its {@code data} names, so
 * tests can check how step usage adds up into the run without calling real services.
 */
public class MeteredNode implements NodeExecutor {

  @Override
  public String type() {
    return "metered";
  }

  /** It reports tokens, so the engine holds it to the run's token budget like ai_agent. */
  @Override
  public boolean consumesAiTokens() {
    return true;
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    Map<String, Object> data = call.data();
    NodeUsage usage =
        new NodeUsage(
            number(data, "tokens").longValue(),
            number(data, "cost").doubleValue(),
            number(data, "webhooks").longValue(),
            number(data, "http").longValue(),
            false);
    return Mono.just(new NodeOutcome.Succeeded(data, Map.of("ok", true), usage));
  }

  private static Number number(Map<String, Object> data, String key) {
    return (Number) data.getOrDefault(key, 0);
  }
}
