package io.outrun.runner.node;

import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.usage.NodeUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code webhook}: POSTs {@code data.body} as JSON (an object, list, number or boolean is
 * serialized; a string is sent as is, so it should hold JSON) to {@code data.url}, with optional
 * {@code headers} and {@code timeoutMs}. With {@code data.secret} the request carries {@code
 * X-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}; it always carries {@code
 * Idempotency-Key: <runId>:<nodeId>}. Output and failures as {@code http_request}; counts in {@code
 * usage.webhooksCalled}. The secret is recorded in the step input as {@code "***"}.
 */
@Component
class WebhookNode implements NodeExecutor {

  private final Templates templates;
  private final HttpExchanges exchanges;

  WebhookNode(Templates templates, HttpExchanges exchanges) {
    this.templates = templates;
    this.exchanges = exchanges;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return exchanges.execute(call, () -> prepare(call), NodeUsage.webhookCall());
  }

  private HttpCalls.Prepared prepare(NodeCall call) {
    Map<String, Object> data = call.data();
    Map<String, Object> recorded = redact(data);
    Map<String, Object> input;
    try {
      input = templates.resolveFields(data, call.context());
    } catch (ExpressionException e) {
      return new HttpCalls.Prepared(
          recorded, null, new NodeOutcome.Failed(recorded, e.describeFor(call.nodeId())));
    }
    Map<String, Object> shown = redact(input);
    try {
      Object url = input.get("url");
      if (!(url instanceof String text) || text.isBlank()) {
        throw new IllegalArgumentException("url is required");
      }
      Map<String, String> headers = HttpCalls.headers(input.get("headers"));
      byte[] body = HttpCalls.body(input.get("body"), true);
      HttpCalls.put(headers, "Content-Type", "application/json");
      HttpCalls.put(headers, HttpCalls.IDEMPOTENCY_KEY, HttpCalls.idempotencyKey(call));
      Object secret =
          input.get("secret") instanceof String written
              ? templates.render(written, call.context())
              : input.get("secret");
      if (secret != null && !String.valueOf(secret).isEmpty()) {
        HttpCalls.put(
            headers, WebhookSignature.HEADER, WebhookSignature.of(String.valueOf(secret), body));
      }
      var request =
          new GuardedHttpClient.Request(
              "POST",
              text,
              headers,
              body,
              HttpCalls.timeout(input.get("timeoutMs")),
              Boolean.TRUE.equals(input.get("followRedirects")));
      return new HttpCalls.Prepared(shown, request, null);
    } catch (ExpressionException e) {
      return new HttpCalls.Prepared(
          shown, null, new NodeOutcome.Failed(shown, e.describeFor(call.nodeId())));
    } catch (IllegalArgumentException e) {
      return new HttpCalls.Prepared(
          shown,
          null,
          new NodeOutcome.Failed(shown, "node '" + call.nodeId() + "': " + e.getMessage()));
    }
  }

  private static Map<String, Object> redact(Map<String, Object> data) {
    if (!data.containsKey("secret")) {
      return data;
    }
    Map<String, Object> copy = new LinkedHashMap<>(data);
    copy.put("secret", "***");
    return copy;
  }
}
