package io.outrun.runner.node;

import io.outrun.runner.retry.RetryAfter;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;

/**
 * One call to the OpenAI-compatible {@code <outrun.runner.ai.base-url>/v1/chat/completions}, read
 * into a {@link ChatReply}. A timeout or a network error is a retryable refusal.
 *
 * <p>The base URL is operator configuration, not workflow input, so this call deliberately does not
 * go through the egress guard that restricts the URLs workflows may reach.
 */
final class ChatClient {

  private final AiProperties properties;
  private final ChatAnswers answers;
  private final WebClient client;

  ChatClient(AiProperties properties, RetryAfter retryAfter) {
    this.properties = properties;
    this.answers = new ChatAnswers(properties, retryAfter);
    this.client = WebClient.builder().baseUrl(properties.baseUrl()).build();
  }

  Mono<ChatReply> complete(String model, Map<String, Object> body) {
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
        .bodyValue(body)
        .exchangeToMono(response -> answers.read(model, response))
        .timeout(properties.timeout())
        .onErrorResume(
            TimeoutException.class,
            e ->
                Mono.just(
                    new ChatReply.Refused(
                        "the AI provider did not answer within " + properties.timeout(),
                        NodeOutcome.Retry.ALLOWED)))
        .onErrorResume(
            WebClientException.class,
            e ->
                Mono.just(
                    new ChatReply.Refused(
                        "could not reach the AI provider: " + answers.redact(e.getMessage()),
                        NodeOutcome.Retry.ALLOWED)));
  }
}
