package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.usage.NodeUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code ai_agent} step's conversation: asks the model, runs the tools it calls ({@link
 * ToolCalls}) and asks again with their results, up to {@code maxIterations} model calls and while
 * the run's token budget lasts; checks a final answer against {@code outputSchema} and asks once
 * more with the problems if it does not match. Every model and tool call is traced; every model
 * call's tokens and cost, and every tool's HTTP call, add up in the step's usage. Each turn's state
 * is a value handed to the next; nothing is shared.
 */
final class AgentLoop {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The conversation so far. */
  private record Turn(
      List<Object> messages, NodeUsage usage, AgentTrace trace, int modelCalls, boolean corrected) {

    Turn answered(ChatReply.Answered reply) {
      return new Turn(
          messages,
          usage.plus(reply.usage()),
          trace.plus(List.of(reply.trace(trace.next()))),
          modelCalls + 1,
          corrected);
    }

    Turn then(List<Object> added, List<Map<String, Object>> entries, NodeUsage used, boolean fix) {
      List<Object> all = new ArrayList<>(messages);
      all.addAll(added);
      return new Turn(List.copyOf(all), usage.plus(used), trace.plus(entries), modelCalls, fix);
    }
  }

  private final ChatClient client;
  private final EvaluationExecutor evaluations;
  private final boolean responseFormat;

  AgentLoop(ChatClient client, EvaluationExecutor evaluations, boolean responseFormat) {
    this.client = client;
    this.evaluations = evaluations;
    this.responseFormat = responseFormat;
  }

  Mono<NodeOutcome> run(NodeCall call, ChatPrompt.Ready prompt) {
    var tools = new ToolCalls(prompt.settings().tools(), evaluations);
    return ask(
        call,
        prompt,
        tools,
        new Turn(prompt.messages(), NodeUsage.NONE, AgentTrace.EMPTY, 0, false));
  }

  private Mono<NodeOutcome> ask(
      NodeCall call, ChatPrompt.Ready prompt, ToolCalls tools, Turn turn) {
    if (!call.tokens().allows(turn.usage().aiTokensUsed())) {
      return fail(call, prompt, turn, call.tokens().exhaustedMessage());
    }
    var body = prompt.settings().request(prompt.model(), turn.messages(), responseFormat);
    return client
        .complete(prompt.model(), body)
        .flatMap(
            reply ->
                switch (reply) {
                  case ChatReply.Refused(String error, NodeOutcome.Retry retry) ->
                      Mono.just(
                          ChatAnswers.failed(call, prompt.input(), error, retry, turn.usage()));
                  case ChatReply.Answered answered ->
                      answered(call, prompt, tools, turn.answered(answered), answered);
                });
  }

  private Mono<NodeOutcome> answered(
      NodeCall call,
      ChatPrompt.Ready prompt,
      ToolCalls tools,
      Turn turn,
      ChatReply.Answered reply) {
    if (reply.callsTools()) {
      int max = prompt.settings().maxIterations();
      if (turn.modelCalls() >= max) {
        return fail(
            call, prompt, turn, "maxIterations (" + max + ") reached before a final answer");
      }
      return tools
          .run(call, reply.toolCalls(), turn.trace().next())
          .flatMap(
              round -> {
                List<Object> added = new ArrayList<>();
                added.add(assistant(reply));
                added.addAll(round.messages());
                return ask(
                    call,
                    prompt,
                    tools,
                    turn.then(added, round.trace(), round.usage(), turn.corrected()));
              });
    }
    if (prompt.settings().outputSchema().isEmpty()) {
      return Mono.just(succeeded(prompt, turn, textOutput(reply, prompt, turn)));
    }
    var schema = prompt.settings().outputSchema().get();
    return evaluations
        .run(() -> StructuredAnswer.check(reply.text(), schema))
        .flatMap(
            checked ->
                switch (checked) {
                  case StructuredAnswer.Valid(Map<String, Object> fields) ->
                      Mono.just(succeeded(prompt, turn, structured(fields, reply, turn)));
                  case StructuredAnswer.Invalid invalid when !turn.corrected() ->
                      ask(
                          call,
                          prompt,
                          tools,
                          turn.then(
                              List.of(assistant(reply), StructuredAnswer.correction(invalid)),
                              List.of(),
                              NodeUsage.NONE,
                              true));
                  case StructuredAnswer.Invalid(String problems) ->
                      fail(
                          call,
                          prompt,
                          turn,
                          "the answer does not match outputSchema: " + problems);
                });
  }

  private static Mono<NodeOutcome> fail(
      NodeCall call, ChatPrompt.Ready prompt, Turn turn, String error) {
    return Mono.just(
        ChatAnswers.failed(call, prompt.input(), error, NodeOutcome.Retry.NEVER, turn.usage()));
  }

  private static NodeOutcome succeeded(
      ChatPrompt.Ready prompt, Turn turn, Map<String, Object> output) {
    return new NodeOutcome.Succeeded(prompt.input(), output, turn.usage());
  }

  /** {@code {text, model, finishReason}}, and the trace when the node has tools. */
  private static Map<String, Object> textOutput(
      ChatReply.Answered reply, ChatPrompt.Ready prompt, Turn turn) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("text", reply.text());
    describe(output, reply, turn);
    if (!prompt.settings().tools().isEmpty()) {
      turn.trace().into(output);
    }
    return output;
  }

  /** The answer's fields, and {@code _agent: {model, finishReason, calls}}. */
  private static Map<String, Object> structured(
      Map<String, Object> fields, ChatReply.Answered reply, Turn turn) {
    Map<String, Object> agent = new LinkedHashMap<>();
    describe(agent, reply, turn);
    turn.trace().into(agent);
    Map<String, Object> output = new LinkedHashMap<>(fields);
    output.put("_agent", agent);
    return output;
  }

  private static void describe(Map<String, Object> output, ChatReply.Answered reply, Turn turn) {
    output.put("model", reply.model());
    output.put("finishReason", reply.finishReason());
    if (turn.usage().unpricedModel()) {
      output.put("unpricedModel", true);
    }
  }

  /** The assistant's message as the next request repeats it. */
  private static Map<String, Object> assistant(ChatReply.Answered reply) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", reply.text().isEmpty() ? null : reply.text());
    if (reply.callsTools()) {
      message.put("tool_calls", JSON.convertValue(reply.toolCalls(), List.class));
    }
    return message;
  }
}
