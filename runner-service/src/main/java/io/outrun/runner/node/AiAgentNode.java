package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.usage.CostTable;
import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ai_agent}: sends {@code data.systemPrompt} (optional) and {@code data.prompt} (templates
 * resolved) to {@code data.model} at the OpenAI-compatible {@code
 * <outrun.runner.ai.base-url>/v1/chat/completions} and records {@code {text, model, finishReason}}
 * (plus {@code unpricedModel: true} when the price table does not know the model). The response's
 * {@code usage} becomes the step's AI tokens and, through the {@link CostTable}, its estimated
 * cost.
 *
 * <p>The base URL is operator configuration, not workflow input, so this call deliberately does not
 * go through the egress guard that restricts the URLs workflows may reach.
 *
 * <p>Failures: 429 may be retried after the provider's {@code Retry-After}; 5xx, network errors and
 * timeouts may be retried; other 4xx and a missing model or prompt never. Error messages carry the
 * provider's message with the API key removed.
 */
@Component
class AiAgentNode implements NodeExecutor {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_ERROR_LENGTH = 500;

  private final Templates templates;
  private final AiProperties properties;
  private final CostTable costTable;
  private final WebClient client;
  private final EvaluationExecutor evaluations;

  AiAgentNode(Templates templates, AiProperties properties, EvaluationExecutor evaluations) {
    this.templates = templates;
    this.evaluations = evaluations;
    this.properties = properties;
    this.costTable = properties.costTable();
    this.client = WebClient.builder().baseUrl(properties.baseUrl()).build();
  }

  @Override
  public String type() {
    return "ai_agent";
  }

  @Override
  public boolean consumesAiTokens() {
    return true;
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    // resolving templates is CPU work bounded by its budget, on the expression threads
    return evaluations
        .run(() -> prepare(call))
        .flatMap(
            prepared ->
                prepared instanceof Request request ? complete(call, request) : Mono.just(prepared))
        .map(NodeOutcome.class::cast);
  }

  private record Request(Map<String, Object> input, String model, Map<String, Object> body) {}

  private Object prepare(NodeCall call) {
    Map<String, Object> input;
    try {
      input = templates.resolveFields(call.data(), call.context());
    } catch (ExpressionException e) {
      return new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId()));
    }
    String model = text(input.get("model"));
    String prompt = text(input.get("prompt"));
    if (model == null || model.isBlank()) {
      return failed(call, input, "needs a model", NodeOutcome.Retry.NEVER);
    }
    if (prompt == null || prompt.isBlank()) {
      return failed(call, input, "needs a prompt", NodeOutcome.Retry.NEVER);
    }
    List<Map<String, Object>> messages = new ArrayList<>();
    String systemPrompt = text(input.get("systemPrompt"));
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      messages.add(Map.of("role", "system", "content", systemPrompt));
    }
    messages.add(Map.of("role", "user", "content", prompt));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("messages", messages);
    return new Request(input, model, body);
  }

  private Mono<NodeOutcome> complete(NodeCall call, Request request) {
    return client
        .post()
        .uri("/v1/chat/completions")
        .headers(
            headers -> {
              if (properties.apiKey() != null) {
                headers.setBearerAuth(properties.apiKey());
              }
            })
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .bodyValue(request.body())
        .exchangeToMono(response -> answer(call, request, response))
        .timeout(properties.timeout())
        .onErrorResume(
            TimeoutException.class,
            e ->
                Mono.just(
                    failed(
                        call,
                        request.input(),
                        "the AI provider did not answer within " + properties.timeout(),
                        NodeOutcome.Retry.ALLOWED)))
        .onErrorResume(
            WebClientException.class,
            e ->
                Mono.just(
                    failed(
                        call,
                        request.input(),
                        "could not reach the AI provider: " + redact(e.getMessage()),
                        NodeOutcome.Retry.ALLOWED)));
  }

  private Mono<NodeOutcome> answer(NodeCall call, Request request, ClientResponse response) {
    int status = response.statusCode().value();
    if (status == 429) {
      NodeOutcome.Retry retry = retryAfter(response.headers().asHttpHeaders());
      return response
          .releaseBody()
          .thenReturn(
              failed(call, request.input(), "the AI provider rate-limited the call (429)", retry));
    }
    return response
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .map(
            body -> {
              if (status >= 200 && status < 300) {
                return succeeded(call, request, body);
              }
              NodeOutcome.Retry retry =
                  status >= 500 ? NodeOutcome.Retry.ALLOWED : NodeOutcome.Retry.NEVER;
              return failed(
                  call,
                  request.input(),
                  "the AI provider answered " + status + ": " + providerMessage(body),
                  retry);
            });
  }

  private NodeOutcome succeeded(NodeCall call, Request request, String body) {
    JsonNode completion;
    try {
      completion = JSON.readTree(body);
    } catch (JacksonException e) {
      return failed(
          call, request.input(), "the AI provider's answer is not JSON", NodeOutcome.Retry.NEVER);
    }
    JsonNode choice = completion.path("choices").path(0);
    if (!completion.isObject() || choice.isMissingNode()) {
      return failed(
          call,
          request.input(),
          "the AI provider's answer has no choices",
          NodeOutcome.Retry.NEVER);
    }
    String model = completion.path("model").asString(request.model());
    JsonNode usage = completion.path("usage");
    long inputTokens = usage.path("prompt_tokens").asLong(0);
    long outputTokens = usage.path("completion_tokens").asLong(0);
    long totalTokens = usage.path("total_tokens").asLong(inputTokens + outputTokens);

    var price = costTable.priceOf(model).or(() -> costTable.priceOf(request.model()));
    boolean unpriced = price.isEmpty();
    double cost = price.map(p -> p.cost(inputTokens, outputTokens).doubleValue()).orElse(0.0);

    Map<String, Object> output = new LinkedHashMap<>();
    JsonNode content = choice.path("message").path("content");
    output.put("text", content.isString() ? content.asString() : "");
    output.put("model", model);
    JsonNode finishReason = choice.path("finish_reason");
    output.put("finishReason", finishReason.isString() ? finishReason.asString() : null);
    if (unpriced) {
      output.put("unpricedModel", true);
    }
    return new NodeOutcome.Succeeded(
        request.input(), output, new NodeUsage(totalTokens, cost, 0, 0, unpriced));
  }

  private static NodeOutcome.Retry retryAfter(HttpHeaders headers) {
    String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return NodeOutcome.Retry.ALLOWED;
    }
    try {
      return NodeOutcome.Retry.after(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return NodeOutcome.Retry.after(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return NodeOutcome.Retry.ALLOWED;
      }
    }
  }

  /** The provider's {@code error.message} (OpenAI's shape), else the body itself, shortened. */
  private String providerMessage(String body) {
    String message = body;
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.path("message").isString()) {
        message = error.path("message").asString();
      } else if (error.isString()) {
        message = error.asString();
      }
    } catch (JacksonException notJson) {
      // keep the raw body
    }
    message = redact(message);
    if (message.isBlank()) {
      return "(no message)";
    }
    return message.length() > MAX_ERROR_LENGTH
        ? message.substring(0, MAX_ERROR_LENGTH) + "…"
        : message;
  }

  /** Removes the API key, in case a provider or proxy echoes it. */
  private String redact(String message) {
    if (message == null) {
      return "";
    }
    String key = properties.apiKey();
    return key == null ? message : message.replace(key, "***");
  }

  private static NodeOutcome.Failed failed(
      NodeCall call, Map<String, Object> input, String error, NodeOutcome.Retry retry) {
    return new NodeOutcome.Failed(
        input, "node '" + call.nodeId() + "': " + error, retry, NodeUsage.NONE);
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof String s ? s : String.valueOf(value);
  }
}
