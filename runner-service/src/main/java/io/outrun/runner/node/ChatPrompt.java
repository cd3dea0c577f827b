package io.outrun.runner.node;

import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code ai_agent} node asks: its {@code data} with templates resolved, sent as a chat
 * completion of {@code data.model} with the optional {@code data.systemPrompt} and {@code
 * data.prompt}; or the failure that stops it (a bad template, no model, no prompt), never retried.
 */
sealed interface ChatPrompt {

  /** The resolved input (the step records it), the model asked for and the request body. */
  record Ready(Map<String, Object> input, String model, Map<String, Object> body)
      implements ChatPrompt {}

  record Refused(NodeOutcome.Failed failure) implements ChatPrompt {}

  /** Resolves the node's templates under one budget: CPU work, for the expression threads. */
  static ChatPrompt of(NodeCall call, Templates templates) {
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
    List<Map<String, Object>> messages = new ArrayList<>();
    String systemPrompt = text(input.get("systemPrompt"));
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      messages.add(Map.of("role", "system", "content", systemPrompt));
    }
    messages.add(Map.of("role", "user", "content", prompt));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("messages", messages);
    return new Ready(input, model, body);
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof String s ? s : String.valueOf(value);
  }
}
