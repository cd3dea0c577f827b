package io.outrun.runner.node;

import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.usage.NodeUsage;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code http_request}: {@code data.method} (default GET), {@code url}, {@code headers}, {@code
 * body} (an object or list is sent as JSON, a string as is), {@code timeoutMs}, {@code
 * followRedirects} (default false). Output {@code {status, headers, body}}; non-2xx fails the step
 * (5xx, 429 and network errors may be retried). Goes through {@link GuardedHttpClient}; sends
 * {@code Idempotency-Key: <runId>:<nodeId>}.
 */
@Component
class HttpRequestNode implements NodeExecutor {

  private final Templates templates;
  private final HttpExchanges exchanges;

  HttpRequestNode(Templates templates, HttpExchanges exchanges) {
    this.templates = templates;
    this.exchanges = exchanges;
  }

  @Override
  public String type() {
    return "http_request";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return exchanges.execute(call, () -> prepare(call), NodeUsage.httpRequest());
  }

  private HttpCalls.Prepared prepare(NodeCall call) {
    Map<String, Object> input;
    try {
      input = templates.resolveFields(call.data(), call.context());
    } catch (ExpressionException e) {
      return new HttpCalls.Prepared(
          call.data(), null, new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId())));
    }
    try {
      String method =
          String.valueOf(input.getOrDefault("method", "GET")).trim().toUpperCase(Locale.ROOT);
      if (!HttpCalls.METHODS.contains(method)) {
        throw new IllegalArgumentException("unsupported method " + method);
      }
      Object url = input.get("url");
      if (!(url instanceof String text) || text.isBlank()) {
        throw new IllegalArgumentException("url is required");
      }
      Map<String, String> headers = HttpCalls.headers(input.get("headers"));
      Object body = input.get("body");
      if (HttpCalls.isJson(body) && !HttpCalls.has(headers, "Content-Type")) {
        headers.put("Content-Type", "application/json");
      }
      HttpCalls.put(headers, HttpCalls.IDEMPOTENCY_KEY, HttpCalls.idempotencyKey(call));
      var request =
          new GuardedHttpClient.Request(
              method,
              text,
              headers,
              HttpCalls.body(body, false),
              HttpCalls.timeout(input.get("timeoutMs")),
              Boolean.TRUE.equals(input.get("followRedirects")));
      return new HttpCalls.Prepared(input, request, null);
    } catch (IllegalArgumentException e) {
      return new HttpCalls.Prepared(
          input,
          null,
          new NodeOutcome.Failed(input, "node '" + call.nodeId() + "': " + e.getMessage()));
    }
  }
}
