package io.outrun.runner.engine;

import io.outrun.runner.node.NodeCall;
import io.outrun.runner.node.NodeOutcome;
import io.outrun.runner.retry.RetryPolicy;
import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Executes a node until an attempt succeeds, fails for good, or the retry policy gives up. Each
 * attempt is bounded by the node's timeout (a timed-out attempt is a retryable failure); waits
 * between attempts are Reactor timers on the parallel scheduler, so no thread is held and tests run
 * them in virtual time.
 */
final class NodeAttempts {

  /** A node's timeout when its {@code data.timeoutMs} does not set one. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** What a {@code sub_workflow} attempt gets beyond its own wait ({@link #timeoutFor}). */
  static final Duration SUB_WORKFLOW_GRACE = Duration.ofSeconds(30);

  /** How the last attempt ended and how many attempts were made. */
  record Attempted(NodeOutcome outcome, int attempts) {}

  private final Function<NodeCall, Mono<NodeOutcome>> executor;
  private final DoubleSupplier random;

  NodeAttempts(Function<NodeCall, Mono<NodeOutcome>> executor, DoubleSupplier random) {
    this.executor = executor;
    this.random = random;
  }

  /**
   * The AI tokens and cost of failed attempts count with the step (an agent may have spent them
   * before a provider's 5xx), and the next attempt's token allowance knows them; their HTTP calls
   * and webhooks do not, so those count what the step's last attempt did.
   */
  Mono<Attempted> execute(NodeCall call, RetryPolicy policy, Duration timeout) {
    return attempt(call, policy, timeout, 1, NodeUsage.NONE);
  }

  private Mono<Attempted> attempt(
      NodeCall call, RetryPolicy policy, Duration timeout, int n, NodeUsage spent) {
    return Mono.defer(() -> executor.apply(call.attempt(n)))
        .timeout(timeout, Mono.fromSupplier(() -> timedOut(call, timeout)))
        .switchIfEmpty(
            Mono.fromSupplier(
                () ->
                    new NodeOutcome.Failed(
                        call.data(), "node '" + call.nodeId() + "' gave no outcome")))
        .flatMap(outcome -> afterAttempt(call, policy, timeout, n, outcome, spent));
  }

  private Mono<Attempted> afterAttempt(
      NodeCall call,
      RetryPolicy policy,
      Duration timeout,
      int n,
      NodeOutcome outcome,
      NodeUsage spent) {
    Optional<Duration> delay =
        outcome instanceof NodeOutcome.Failed failed && failed.retry().allowed()
            ? policy.delayBefore(n, failed.retry().notBefore(), random.getAsDouble())
            : Optional.empty();
    NodeUsage failedAi = outcome.usage().aiOnly();
    NodeCall next = call.withTokens(call.tokens().after(failedAi.aiTokensUsed()));
    return delay
        .map(
            wait ->
                Mono.delay(wait).then(attempt(next, policy, timeout, n + 1, spent.plus(failedAi))))
        .orElseGet(() -> Mono.just(new Attempted(outcome.withEarlier(spent), n)));
  }

  private static NodeOutcome timedOut(NodeCall call, Duration timeout) {
    return new NodeOutcome.Failed(
        call.data(),
        "node '" + call.nodeId() + "' timed out after " + timeout.toMillis() + " ms",
        NodeOutcome.Retry.ALLOWED,
        null);
  }

  /** The workflow's retry policy with the node's {@code data.retry} fields applied. */
  @SuppressWarnings("unchecked")
  static RetryPolicy policyFor(Workflow.Node node, RetryPolicy workflowPolicy) {
    Object retry = node.data().get("retry");
    if (retry != null && !(retry instanceof Map)) {
      throw new IllegalArgumentException("data.retry must be an object");
    }
    return workflowPolicy.overriddenBy((Map<String, Object>) retry);
  }

  /**
   * The node's {@code data.timeoutMs}, else {@link #DEFAULT_TIMEOUT} (added to the wait of a {@code
   * delay} node, so a long delay is not cut short by the default). A {@code sub_workflow} node
   * bounds its wait for the child run by the same value itself, failing for good with the child's
   * run id (a retry would start another child); its attempt gets {@link #SUB_WORKFLOW_GRACE} more,
   * so that answer comes first.
   */
  static Duration timeoutFor(Workflow.Node node) {
    Duration timeout = ownTimeout(node);
    return "sub_workflow".equals(node.type()) ? timeout.plus(SUB_WORKFLOW_GRACE) : timeout;
  }

  private static Duration ownTimeout(Workflow.Node node) {
    if (node.data().get("timeoutMs") instanceof Number ms && ms.longValue() > 0) {
      return Duration.ofMillis(ms.longValue());
    }
    if (node.data().get("timeoutMs") != null) {
      throw new IllegalArgumentException("data.timeoutMs must be a positive number");
    }
    if ("delay".equals(node.type()) && node.data().get("ms") instanceof Number ms) {
      return DEFAULT_TIMEOUT.plusMillis(Math.max(0, ms.longValue()));
    }
    return DEFAULT_TIMEOUT;
  }
}
