package io.outrun.runner.node;

import io.outrun.runner.retry.RetryAfter;
import io.outrun.runner.usage.CostTable;
import io.outrun.runner.usage.NodeUsage;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the AI provider's answer to one call ({@link ChatReply}): the assistant's message, model
 * and finish reason, its tokens and (through the {@link CostTable}) its estimated cost; 429
 * retryable after the provider's {@code Retry-After}, 5xx retryable, other answers never. Error
 * messages carry the provider's message with the API key removed.
 */
final class ChatAnswers {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_ERROR_LENGTH = 500;

  private final CostTable costTable;
  private final String apiKey;
  private final RetryAfter retryAfter;

  ChatAnswers(AiProperties properties, RetryAfter retryAfter) {
    this.costTable = properties.costTable();
    this.apiKey = properties.apiKey();
    this.retryAfter = retryAfter;
  }

  Mono<ChatReply> read(String requestedModel, ClientResponse response) {
    int status = response.statusCode().value();
    if (status == 429) {
      NodeOutcome.Retry retry =
          retryAfter
              .parse(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))
              .map(NodeOutcome.Retry::after)
              .orElse(NodeOutcome.Retry.ALLOWED);
      return response
          .releaseBody()
          .thenReturn(new ChatReply.Refused("the AI provider rate-limited the call (429)", retry));
    }
    return response
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .map(
            body -> {
              if (status >= 200 && status < 300) {
                return answered(requestedModel, body);
              }
              NodeOutcome.Retry retry =
                  status >= 500 ? NodeOutcome.Retry.ALLOWED : NodeOutcome.Retry.NEVER;
              return new ChatReply.Refused(
                  "the AI provider answered " + status + ": " + providerMessage(body), retry);
            });
  }

  private ChatReply answered(String requestedModel, String body) {
    JsonNode completion;
    try {
      completion = JSON.readTree(body);
    } catch (JacksonException e) {
      return new ChatReply.Refused("the AI provider's answer is not JSON", NodeOutcome.Retry.NEVER);
    }
    JsonNode choice = completion.path("choices").path(0);
    if (!completion.isObject() || !choice.path("message").isObject()) {
      return new ChatReply.Refused(
          "the AI provider's answer has no choices", NodeOutcome.Retry.NEVER);
    }
    String model = completion.path("model").asString(requestedModel);
    JsonNode usage = completion.path("usage");
    long inputTokens = usage.path("prompt_tokens").asLong(0);
    long outputTokens = usage.path("completion_tokens").asLong(0);
    long totalTokens = usage.path("total_tokens").asLong(inputTokens + outputTokens);

    var price = costTable.priceOf(model).or(() -> costTable.priceOf(requestedModel));
    boolean unpriced = price.isEmpty();
    double cost = price.map(p -> p.cost(inputTokens, outputTokens).doubleValue()).orElse(0.0);
    JsonNode finishReason = choice.path("finish_reason");
    return new ChatReply.Answered(
        choice.path("message"),
        model,
        finishReason.isString() ? finishReason.asString() : null,
        new NodeUsage(totalTokens, cost, 0, 0, unpriced));
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
  String redact(String message) {
    if (message == null) {
      return "";
    }
    return apiKey == null ? message : message.replace(apiKey, "***");
  }

  static NodeOutcome.Failed failed(
      NodeCall call, Map<String, Object> input, String error, NodeOutcome.Retry retry) {
    return failed(call, input, error, retry, NodeUsage.NONE);
  }

  static NodeOutcome.Failed failed(
      NodeCall call,
      Map<String, Object> input,
      String error,
      NodeOutcome.Retry retry,
      NodeUsage usage) {
    return new NodeOutcome.Failed(input, "node '" + call.nodeId() + "': " + error, retry, usage);
  }
}
