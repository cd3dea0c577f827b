package io.outrun.runner.node;

import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code delay}: waits {@code data.ms} (0 to one hour) on a Reactor timer, holding no thread;
 * output {@code {"delayedMs": ms}}.
 */
@Component
class DelayNode implements NodeExecutor {

  static final long MAX_MS = 3_600_000;

  @Override
  public String type() {
    return "delay";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    Object ms = call.data().get("ms");
    if (!(ms instanceof Number number)
        || number.doubleValue() != number.longValue()
        || number.longValue() < 0
        || number.longValue() > MAX_MS) {
      return Mono.just(
          new NodeOutcome.Failed(
              call.data(),
              "node '"
                  + call.nodeId()
                  + "': a delay needs data.ms, a whole number from 0 to "
                  + MAX_MS));
    }
    long delayMs = number.longValue();
    return Mono.delay(Duration.ofMillis(delayMs))
        .thenReturn(new NodeOutcome.Succeeded(call.data(), Map.of("delayedMs", delayMs)));
  }
}
