package io.outrun.runner.node;

import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * An agent's HTTP tool: {@code method} {@code url} with {@code headers} and {@code body}, each a
 * template that sees the call's arguments as {@code $args} (and secrets as {@code {{ $secrets.NAME
 * }}}). Without a {@code body}, POST, PUT and PATCH send the arguments as JSON. It goes through the
 * same {@link HttpExchanges} as {@code http_request} (egress guard, capped body, {@code
 * Idempotency-Key: <runId>:<nodeId>:<toolCallId>}); the model sees {@code {status, body}}, or
 * {@code {error}} for a non-2xx answer or a refused call.
 */
final class HttpTool implements AgentTool {

  private static final Set<String> SENDS_ARGUMENTS = Set.of("POST", "PUT", "PATCH");

  /** The tool as configured (templates unresolved). */
  record Spec(
      ToolSignature signature,
      String method,
      String url,
      Object headers,
      Object body,
      Duration timeout) {}

  private final Spec spec;
  private final HttpExchanges exchanges;
  private final Templates templates;

  HttpTool(Spec spec, HttpExchanges exchanges, Templates templates) {
    this.spec = spec;
    this.exchanges = exchanges;
    this.templates = templates;
  }

  @Override
  public ToolSignature signature() {
    return spec.signature();
  }

  @Override
  public Mono<ToolResult> call(NodeCall call, String callId, Map<String, Object> arguments) {
    NodeCall withArgs = call.withArgs(arguments);
    return exchanges
        .execute(withArgs, () -> prepare(withArgs, callId, arguments), NodeUsage.httpRequest())
        .map(
            outcome ->
                switch (outcome) {
                  case NodeOutcome.Succeeded done ->
                      new ToolResult(answer(done.output()), false, done.usage());
                  case NodeOutcome.Failed failed ->
                      new ToolResult(Map.of("error", failed.error()), true, failed.usage());
                });
  }

  private HttpCalls.Prepared prepare(NodeCall call, String callId, Map<String, Object> arguments) {
    Map<String, Object> written = new LinkedHashMap<>();
    written.put("url", spec.url());
    if (spec.headers() != null) {
      written.put("headers", spec.headers());
    }
    if (spec.body() != null) {
      written.put("body", spec.body());
    }
    Map<String, Object> input;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> resolved =
          (Map<String, Object>) templates.resolve(written, call.context());
      input = resolved;
    } catch (ExpressionException e) {
      return new HttpCalls.Prepared(
          written, null, new NodeOutcome.Failed(written, e.describeFor(call.nodeId())));
    }
    Map<String, String> headers = HttpCalls.headers(input.get("headers"));
    Object body =
        spec.body() == null && SENDS_ARGUMENTS.contains(spec.method())
            ? arguments
            : input.get("body");
    if (HttpCalls.isJson(body) && !HttpCalls.has(headers, "Content-Type")) {
      headers.put("Content-Type", "application/json");
    }
    HttpCalls.put(
        headers, HttpCalls.IDEMPOTENCY_KEY, HttpCalls.idempotencyKey(call) + ":" + callId);
    var request =
        new GuardedHttpClient.Request(
            spec.method(),
            String.valueOf(input.get("url")),
            headers,
            HttpCalls.body(body, false),
            spec.timeout(),
            false);
    return new HttpCalls.Prepared(input, request, null);
  }

  /** What the model sees of a 2xx answer: its status and body. */
  private static Object answer(Object output) {
    if (output instanceof Map<?, ?> response) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("status", response.get("status"));
      answer.put("body", response.get("body"));
      return answer;
    }
    return output;
  }
}
