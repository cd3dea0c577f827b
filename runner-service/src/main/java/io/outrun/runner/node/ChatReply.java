package io.outrun.runner.node;

import io.outrun.runner.usage.NodeUsage;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What one model call answered: the assistant's message with its usage, or why there is none. */
sealed interface ChatReply {

  /**
   * @param message the assistant's message as the provider sent it (content, tool calls)
   * @param model the model that answered
   * @param finishReason the provider's {@code finish_reason}, null if none
   * @param usage its tokens and estimated cost
   */
  record Answered(JsonNode message, String model, String finishReason, NodeUsage usage)
      implements ChatReply {

    /** The assistant's text, empty when it sent none (a tool-calling turn). */
    String text() {
      JsonNode content = message.path("content");
      return content.isString() ? content.asString() : "";
    }

    /** The tool calls it asks for, an empty array node when none. */
    JsonNode toolCalls() {
      return message.path("tool_calls");
    }

    boolean callsTools() {
      return toolCalls().isArray() && !toolCalls().isEmpty();
    }

    /** The record of this call in the step's {@code calls}. */
    Map<String, Object> trace(int call) {
      return Map.of(
          "call",
          call,
          "kind",
          "model",
          "model",
          model,
          "finishReason",
          finishReason == null ? "" : finishReason,
          "tokens",
          usage.aiTokensUsed(),
          "cost",
          usage.estimatedCost());
    }
  }

  /** The call failed: the error (without the node prefix) and whether another attempt may work. */
  record Refused(String error, NodeOutcome.Retry retry) implements ChatReply {}
}
