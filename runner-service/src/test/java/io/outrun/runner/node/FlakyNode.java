package io.outrun.runner.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * Test-only {@code flaky} node: its first {@code data.failures} attempts in a run fail retryably,
 * the next succeeds with {@code {"attempt": n}}.
 */
public class FlakyNode implements NodeExecutor {

  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

  @Override
  public String type() {
    return "flaky";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    int failures = ((Number) call.data().getOrDefault("failures", 0)).intValue();
    int attempt =
        attempts
            .computeIfAbsent(call.context().runId() + ":" + call.nodeId(), k -> new AtomicInteger())
            .incrementAndGet();
    return Mono.just(
        attempt <= failures
            ? new NodeOutcome.Failed(
                call.data(), "attempt " + attempt + " failed", NodeOutcome.Retry.ALLOWED, null)
            : new NodeOutcome.Succeeded(call.data(), Map.of("attempt", attempt)));
  }
}
