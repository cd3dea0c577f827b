package io.outrun.runner.node;

import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an {@code ai_agent} node asks: its {@code data} with templates resolved, the first messages
 * of its chat ({@code data.systemPrompt}, optional, and {@code data.prompt}) to {@code data.model},
 * and its {@link AgentSettings}; or the failure that stops it (a bad template, no model, no prompt,
 * a malformed tool or schema), never retried.
 */
sealed interface ChatPrompt {

  /** The resolved input (the step records it), the model asked for and the first messages. */
  record Ready(
      Map<String, Object> input, String model, List<Object> messages, AgentSettings settings)
      implements ChatPrompt {

    public Ready {
      messages = List.copyOf(messages);
    }
  }

  record Refused(NodeOutcome.Failed failure) implements ChatPrompt {}

  /** Resolves the node's templates under one budget: CPU work, for the expression threads. */
  static ChatPrompt of(NodeCall call, Templates templates, AgentTools tools) {
    Map<String, Object> input;
    try {
      input = templates.resolveFields(call.data(), call.context());
    } catch (ExpressionException e) {
      return new Refused(new NodeOutcome.Failed(call.data(), e.describeFor(call.nodeId())));
    }
    String model = text(input.get("model"));
    String prompt = text(input.get("prompt"));
    if (model == null || model.isBlank()) {
      return new Refused(ChatAnswers.failed(call, input, "needs a model", NodeOutcome.Retry.NEVER));
    }
    if (prompt == null || prompt.isBlank()) {
      return new Refused(
          ChatAnswers.failed(call, input, "needs a prompt", NodeOutcome.Retry.NEVER));
    }
    AgentSettings settings;
    try {
      settings = AgentSettings.of(input, tools);
    } catch (IllegalArgumentException e) {
      return new Refused(ChatAnswers.failed(call, input, e.getMessage(), NodeOutcome.Retry.NEVER));
    }
    List<Object> messages = new ArrayList<>();
    String systemPrompt = text(input.get("systemPrompt"));
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      messages.add(Map.of("role", "system", "content", systemPrompt));
    }
    messages.add(Map.of("role", "user", "content", prompt));
    return new Ready(input, model, messages, settings);
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof String s ? s : String.valueOf(value);
  }
}
