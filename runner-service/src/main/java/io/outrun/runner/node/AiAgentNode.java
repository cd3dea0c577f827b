package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.retry.RetryAfter;
import java.util.concurrent.TimeoutException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;

/**
 * {@code ai_agent}: sends {@code data.systemPrompt} (optional) and {@code data.prompt} (templates
 * resolved) to {@code data.model} at the OpenAI-compatible {@code
 * <outrun.runner.ai.base-url>/v1/chat/completions} and records {@code {text, model, finishReason}}
 * (plus {@code unpricedModel: true} when the price table does not know the model). The response's
 * {@code usage} becomes the step's AI tokens and its estimated cost ({@link ChatAnswers}).
 *
 * <p>The base URL is operator configuration, not workflow input, so this call deliberately does not
 * go through the egress guard that restricts the URLs workflows may reach.
 *
 * <p>Failures: 429 may be retried after the provider's {@code Retry-After}; 5xx, network errors and
 * timeouts may be retried; other 4xx and a missing model or prompt never.
 */
@Component
class AiAgentNode implements NodeExecutor {

  private final Templates templates;
  private final AiProperties properties;
  private final EvaluationExecutor evaluations;
  private final ChatAnswers answers;
  private final WebClient client;

  AiAgentNode(
      Templates templates,
      AiProperties properties,
      EvaluationExecutor evaluations,
      RetryAfter retryAfter) {
    this.templates = templates;
    this.properties = properties;
    this.evaluations = evaluations;
    this.answers = new ChatAnswers(properties, retryAfter);
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
        .run(() -> ChatPrompt.of(call, templates))
        .flatMap(
            prompt ->
                switch (prompt) {
                  case ChatPrompt.Ready ready -> complete(call, ready);
                  case ChatPrompt.Refused(NodeOutcome.Failed failure) -> Mono.just(failure);
                });
  }

  private Mono<NodeOutcome> complete(NodeCall call, ChatPrompt.Ready prompt) {
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
        .bodyValue(prompt.body())
        .exchangeToMono(response -> answers.read(call, prompt, response))
        .timeout(properties.timeout())
        .onErrorResume(
            TimeoutException.class,
            e ->
                Mono.just(
                    ChatAnswers.failed(
                        call,
                        prompt.input(),
                        "the AI provider did not answer within " + properties.timeout(),
                        NodeOutcome.Retry.ALLOWED)))
        .onErrorResume(
            WebClientException.class,
            e ->
                Mono.just(
                    ChatAnswers.failed(
                        call,
                        prompt.input(),
                        "could not reach the AI provider: " + answers.redact(e.getMessage()),
                        NodeOutcome.Retry.ALLOWED)));
  }
}
