package io.outrun.runner.node;

import io.outrun.runner.usage.NodeUsage;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Test-only node type {@code unstorable}: succeeds with an output no MongoDB mapping takes (a map
 * keyed by an object), standing for any step whose record MongoDB refuses whatever the attempt.
 */
public class UnstorableNode implements NodeExecutor {

  @Override
  public String type() {
    return "unstorable";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return Mono.just(
        new NodeOutcome.Succeeded(call.data(), Map.of(new Key(), "x"), NodeUsage.NONE));
  }

  /** Written as JSON by its text, but no MongoDB mapping takes an object as a key. */
  private static final class Key {
    @Override
    public String toString() {
      return "key";
    }
  }
}
