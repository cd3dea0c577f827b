package io.outrun.runner.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Executes a node with the executor of its type; a type without one fails the step. */
@Component
public class NodeExecutors {

  private final Map<String, NodeExecutor> byType;

  public NodeExecutors(List<NodeExecutor> executors) {
    this.byType =
        executors.stream()
            .collect(Collectors.toUnmodifiableMap(NodeExecutor::type, Function.identity()));
  }

  /** Whether an executor handles nodes of {@code type}. */
  public boolean supports(String type) {
    return byType.containsKey(type);
  }

  /** Whether nodes of {@code type} spend AI tokens (and so are held to the run's budget). */
  public boolean consumesAiTokens(String type) {
    NodeExecutor executor = byType.get(type);
    return executor != null && executor.consumesAiTokens();
  }

  public Mono<NodeOutcome> execute(NodeCall call) {
    NodeExecutor executor = byType.get(call.type());
    if (executor == null) {
      return Mono.just(
          new NodeOutcome.Failed(
              call.data(), "node type " + call.type() + " is not supported by this runner yet"));
    }
    return Mono.defer(() -> executor.execute(call))
        .onErrorResume(
            IllegalArgumentException.class,
            e ->
                Mono.just(
                    new NodeOutcome.Failed(
                        call.data(), "node '" + call.nodeId() + "': " + e.getMessage())))
        .onErrorResume(
            RejectedExecutionException.class,
            e ->
                Mono.just(
                    new NodeOutcome.Failed(
                        call.data(),
                        "node '" + call.nodeId() + "': too many expressions waiting to run",
                        NodeOutcome.Retry.ALLOWED,
                        null)));
  }
}
