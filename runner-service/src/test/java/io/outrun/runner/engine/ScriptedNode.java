package io.outrun.runner.engine;

import io.outrun.runner.node.NodeCall;
import io.outrun.runner.node.NodeExecutor;
import io.outrun.runner.node.NodeOutcome;
import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * A node type whose {@code data} scripts what an attempt does, on Reactor's timers (virtual time in
 * the tests): {@code ms} it takes; {@code fail}, a message it fails with ({@code retryable} says
 * whether it may be retried); {@code failAttempts}, how many first attempts fail retryably; {@code
 * hang}, never to end; {@code tokens}, the AI tokens it reports; {@code result}, the output of a
 * {@code condition}. It notes when attempts start, end and are cancelled ({@code "start a@1000"}),
 * and which step outputs each node saw.
 */
final class ScriptedNode implements NodeExecutor {

  private final String type;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> seen = new ConcurrentHashMap<>();

  ScriptedNode(String type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public boolean consumesAiTokens() {
    return type.equals("ai");
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    String node = call.nodeId();
    AtomicBoolean ended = new AtomicBoolean();
    return Mono.defer(
            () -> {
              int attempt =
                  attempts.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
              seen.put(node, Map.copyOf(call.context().stepOutputs()));
              note("start", node);
              if (Boolean.TRUE.equals(call.data().get("hang"))) {
                return Mono.<NodeOutcome>never();
              }
              return Mono.delay(Duration.ofMillis(number(call, "ms")))
                  .map(tick -> outcome(call, attempt));
            })
        .doOnSuccess(
            outcome -> {
              ended.set(true);
              note("end", node);
            })
        .doOnCancel(
            () -> {
              if (!ended.get()) { // an attempt that has ended may still see its caller cancel
                note("cancel", node);
              }
            });
  }

  private NodeOutcome outcome(NodeCall call, int attempt) {
    Map<String, Object> data = call.data();
    if (attempt <= number(call, "failAttempts")) {
      return new NodeOutcome.Failed(
          data, "attempt " + attempt + " failed", NodeOutcome.Retry.ALLOWED, null);
    }
    if (data.get("fail") instanceof String error) {
      boolean retryable = Boolean.TRUE.equals(data.get("retryable"));
      return new NodeOutcome.Failed(
          data, error, retryable ? NodeOutcome.Retry.ALLOWED : NodeOutcome.Retry.NEVER, null);
    }
    Object output =
        type.equals("condition")
            ? Map.of("result", data.get("result"))
            : Map.of("node", call.nodeId(), "attempt", attempt);
    return new NodeOutcome.Succeeded(
        data, output, new NodeUsage(number(call, "tokens"), 0, 0, 0, false));
  }

  private void note(String what, String node) {
    events.add(what + " " + node + "@" + VirtualClock.now());
  }

  private static long number(NodeCall call, String key) {
    return call.data().get(key) instanceof Number n ? n.longValue() : 0;
  }

  /** What happened, in order: {@code "start a@0"}, {@code "end a@1000"}, {@code "cancel b@500"}. */
  List<String> events() {
    return events;
  }

  /** How many attempts were made at {@code node}. */
  int attempts(String node) {
    AtomicInteger count = attempts.get(node);
    return count == null ? 0 : count.get();
  }

  /** The step outputs {@code node}'s last attempt saw, by node id. */
  Map<String, Object> seenBy(String node) {
    return seen.get(node);
  }
}
