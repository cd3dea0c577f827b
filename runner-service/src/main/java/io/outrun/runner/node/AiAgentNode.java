package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.retry.RetryAfter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code ai_agent}: sends {@code data.systemPrompt} (optional) and {@code data.prompt} (templates
 * resolved) to {@code data.model} at the OpenAI-compatible {@code
 * <outrun.runner.ai.base-url>/v1/chat/completions} ({@link ChatClient}) and records {@code {text,
 * model, finishReason}} (plus {@code unpricedModel: true} when the price table does not know the
 * model). With {@code data.tools} it runs the model's tool-calling loop, with {@code
 * data.outputSchema} it answers with the schema's fields ({@link AgentLoop}); its tools call URLs
 * ({@link HttpTool}) or run workflows of the workspace as child runs ({@link WorkflowTool}). Every
 * model call's {@code usage} adds to the step's AI tokens and estimated cost ({@link ChatAnswers}).
 *
 * <p>Failures: 429 may be retried after the provider's {@code Retry-After}; 5xx, network errors and
 * timeouts may be retried; other 4xx, a missing model or prompt, malformed tools or schema, {@code
 * maxIterations} reached, the token budget spent and an answer that stays invalid never.
 */
@Component
class AiAgentNode implements NodeExecutor {

  private final Templates templates;
  private final EvaluationExecutor evaluations;
  private final AgentTools tools;
  private final AgentLoop loop;

  AiAgentNode(
      Templates templates,
      AiProperties properties,
      EvaluationExecutor evaluations,
      RetryAfter retryAfter,
      AgentTools tools) {
    this.templates = templates;
    this.evaluations = evaluations;
    this.tools = tools;
    this.loop =
        new AgentLoop(
            new ChatClient(properties, retryAfter), evaluations, properties.responseFormat());
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
    // resolving templates and compiling schemas is CPU work, on the expression threads
    return evaluations
        .run(() -> ChatPrompt.of(call, templates, tools))
        .flatMap(
            prompt ->
                switch (prompt) {
                  case ChatPrompt.Ready ready -> loop.run(call, ready);
                  case ChatPrompt.Refused(NodeOutcome.Failed failure) -> Mono.just(failure);
                });
  }
}
