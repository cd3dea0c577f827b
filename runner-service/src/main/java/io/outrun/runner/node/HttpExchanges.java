package io.outrun.runner.node;

import io.outrun.runner.egress.EgressException;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.retry.RetryAfter;
import io.outrun.runner.usage.NodeUsage;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What {@code http_request} and {@code webhook} do once they know their call: prepare it (templates
 * are CPU-bound, so on the expression threads, off the I/O event loops), send it through the
 * guarded client and turn the answer into the step's outcome.
 */
@Component
class HttpExchanges {

  private final EvaluationExecutor evaluations;
  private final GuardedHttpClient client;
  private final RetryAfter retryAfter;

  HttpExchanges(EvaluationExecutor evaluations, GuardedHttpClient client, RetryAfter retryAfter) {
    this.evaluations = evaluations;
    this.client = client;
    this.retryAfter = retryAfter;
  }

  /** Prepares the call, then sends it, or answers the preparation's failure. */
  Mono<NodeOutcome> execute(NodeCall call, Supplier<HttpCalls.Prepared> prepare, NodeUsage usage) {
    return evaluations
        .run(prepare)
        .flatMap(
            prepared ->
                prepared.failure() != null
                    ? Mono.just(prepared.failure())
                    : send(prepared.request(), prepared.input(), call, usage));
  }

  /**
   * Sends the call; 2xx succeeds with {@code {status, headers, body}} (capped by {@link
   * OutputCap}), anything else fails, retryable for 5xx, 429 (after its {@code Retry-After}) and
   * network errors.
   */
  private Mono<NodeOutcome> send(
      GuardedHttpClient.Request request,
      Map<String, Object> input,
      NodeCall call,
      NodeUsage usage) {
    return client
        .exchange(request)
        .map(response -> outcome(response, input, call, usage))
        .onErrorResume(
            EgressException.class,
            error ->
                Mono.just(
                    new NodeOutcome.Failed(
                        input,
                        "node '" + call.nodeId() + "': " + error.getMessage(),
                        error.retryable() ? NodeOutcome.Retry.ALLOWED : NodeOutcome.Retry.NEVER,
                        error.kind() == EgressException.Kind.REFUSED ? NodeUsage.NONE : usage)));
  }

  private NodeOutcome outcome(
      GuardedHttpClient.Response response,
      Map<String, Object> input,
      NodeCall call,
      NodeUsage usage) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return new NodeOutcome.Succeeded(input, OutputCap.cap(ResponseOutput.of(response)), usage);
    }
    NodeOutcome.Retry retry;
    if (status == 429) {
      retry =
          response
              .header("retry-after")
              .flatMap(retryAfter::parse)
              .map(NodeOutcome.Retry::after)
              .orElse(NodeOutcome.Retry.ALLOWED);
    } else if (status >= 500) {
      retry = NodeOutcome.Retry.ALLOWED;
    } else {
      retry = NodeOutcome.Retry.NEVER;
    }
    String text = ResponseOutput.text(response);
    String snippet = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return new NodeOutcome.Failed(
        input,
        "node '"
            + call.nodeId()
            + "': HTTP "
            + status
            + " from "
            + response.url()
            + (snippet.isBlank() ? "" : ": " + snippet),
        retry,
        usage);
  }
}
