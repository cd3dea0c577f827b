package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.usage.NodeUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the tool calls of one model answer, one after another in the model's order: each call's
 * arguments are parsed and checked against its tool's schema (on the expression threads), then the
 * tool runs. A failure (an unknown tool, bad arguments, a failed call) becomes that call's result,
 * so the model sees it and may call again. At most {@value #MAX_PER_ANSWER} calls of one answer
 * run; the rest are answered as not run. What the model sees of a result is at most {@value
 * #MAX_RESULT_CHARS} characters, with the step's secret values masked.
 */
final class ToolCalls {

  static final int MAX_PER_ANSWER = 16;
  static final int MAX_RESULT_CHARS = 16_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The tool messages for the next request, the calls' trace entries and what they used. */
  record Round(List<Object> messages, List<Map<String, Object>> trace, NodeUsage usage) {}

  private record Done(Object message, Map<String, Object> entry, NodeUsage usage) {}

  private final Map<String, AgentTool> tools;
  private final EvaluationExecutor evaluations;

  ToolCalls(List<AgentTool> tools, EvaluationExecutor evaluations) {
    this.tools =
        tools.stream()
            .collect(
                Collectors.toUnmodifiableMap(tool -> tool.signature().name(), Function.identity()));
    this.evaluations = evaluations;
  }

  /**
   * Runs {@code toolCalls} (the assistant message's array); trace numbers start at {@code next}.
   */
  Mono<Round> run(NodeCall call, JsonNode toolCalls, int next) {
    List<JsonNode> asked = new ArrayList<>();
    toolCalls.forEach(asked::add);
    return Flux.range(0, asked.size())
        .concatMap(i -> one(call, asked.get(i), i, next + i))
        .collectList()
        .map(
            done ->
                new Round(
                    done.stream().map(Done::message).toList(),
                    done.stream().map(Done::entry).toList(),
                    done.stream().map(Done::usage).reduce(NodeUsage.NONE, NodeUsage::plus)));
  }

  private Mono<Done> one(NodeCall call, JsonNode asked, int index, int number) {
    String id = asked.path("id").asString("call-" + number); // unique in the step
    String name = asked.path("function").path("name").asString("");
    String arguments = asked.path("function").path("arguments").asString("{}");
    AgentTool tool = tools.get(name);
    Mono<ToolResult> result;
    if (index >= MAX_PER_ANSWER) {
      result = Mono.just(ToolResult.error("not run: at most " + MAX_PER_ANSWER + " per answer"));
    } else if (tool == null) {
      result = Mono.just(ToolResult.error("there is no tool named '" + name + "'"));
    } else {
      result =
          evaluations
              .run(() -> checked(tool, arguments))
              .flatMap(
                  args ->
                      args instanceof Map<?, ?> map
                          ? tool.call(call, id, cast(map))
                          : Mono.just(ToolResult.error((String) args)));
    }
    return result.map(
        done ->
            new Done(
                Map.of("role", "tool", "tool_call_id", id, "content", forModel(call, done)),
                AgentTrace.toolCall(number, name, argumentsOf(arguments), done),
                done.usage()));
  }

  /**
   * The parsed arguments (a map) if the tool's schema accepts them, else the problem (a string).
   */
  private static Object checked(AgentTool tool, String arguments) {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(arguments.isBlank() ? "{}" : arguments);
    } catch (JacksonException e) {
      return "the arguments are not JSON";
    }
    if (!parsed.isObject()) {
      return "the arguments must be a JSON object";
    }
    List<String> problems = tool.signature().parameters().problems(parsed);
    return problems.isEmpty()
        ? JSON.convertValue(parsed, Map.class)
        : "the arguments do not match the tool's parameters: " + String.join("; ", problems);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static Object argumentsOf(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (JacksonException e) {
      return text;
    }
  }

  /** The result as the model sees it: JSON text, the step's secret values masked, bounded. */
  private static String forModel(NodeCall call, ToolResult result) {
    String text = AgentTrace.json(result.value());
    for (String secret : call.context().secrets().values()) {
      if (!secret.isEmpty()) {
        text = text.replace(secret, "***");
      }
    }
    return text.length() <= MAX_RESULT_CHARS
        ? text
        : text.substring(0, MAX_RESULT_CHARS) + "… (cut)";
  }
}
