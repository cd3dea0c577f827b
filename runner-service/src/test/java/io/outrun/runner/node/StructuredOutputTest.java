package io.outrun.runner.node;

import static io.outrun.runner.node.FakeChatServer.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.egress.EgressProperties;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.retry.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code ai_agent} with {@code outputSchema}, against a fake OpenAI-compatible server. */
class StructuredOutputTest {

  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of(
              "classification", Map.of("enum", List.of("hot", "warm", "cold")),
              "score", Map.of("type", "integer", "minimum", 0)),
          "required",
          List.of("classification"),
          "additionalProperties",
          false);

  private static FakeChatServer chat;
  private static GuardedHttpClient client;
  private static AiAgentNode node;

  @BeforeAll
  static void start() throws Exception {
    chat = new FakeChatServer();
    client = new GuardedHttpClient(EgressProperties.defaults(false));
    var retryAfter = new RetryAfter(Clock.systemUTC());
    node =
        new AiAgentNode(
            StandardExpressions.templates(),
            new AiProperties(chat.baseUrl(), null, Duration.ofSeconds(30), Map.of()),
            StandardExpressions.EVALUATIONS,
            retryAfter,
            StandardNodes.agentTools(
                new HttpExchanges(StandardExpressions.EVALUATIONS, client, retryAfter)));
  }

  @AfterAll
  static void stop() {
    client.close();
    chat.close();
  }

  private static NodeOutcome classify(Object schema) {
    Map<String, Object> data =
        Map.of("model", "gpt-4o-mini", "prompt", "Classify the lead", "outputSchema", schema);
    return node.execute(new NodeCall("classify", "ai_agent", data, StandardExpressions.CONTEXT))
        .block();
  }

  @Test
  void aValidAnswersFieldsBecomeTheStepsOutput() {
    chat.script(answer("{\"classification\":\"hot\",\"score\":9}", 100, 20));

    NodeOutcome.Succeeded done = (NodeOutcome.Succeeded) classify(SCHEMA);

    assertThat(done.output())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("classification", "hot")
        .containsEntry("score", 9)
        .containsKey("_agent");
    JsonNode format = chat.requests().getFirst().path("response_format");
    assertThat(format.path("type").asString()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("schema").path("required").get(0).asString())
        .isEqualTo("classification");
    assertThat(done.usage().aiTokensUsed()).isEqualTo(120);
  }

  @Test
  void anInvalidAnswerIsAskedAgainWithTheProblemAndTheCorrectionIsTheOutput() {
    chat.script(
        answer("{\"classification\":\"lukewarm\"}", 100, 20),
        answer("```json\n{\"classification\":\"warm\"}\n```", 150, 20));

    NodeOutcome.Succeeded done = (NodeOutcome.Succeeded) classify(SCHEMA);

    assertThat(done.output())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("classification", "warm");
    JsonNode messages = chat.requests().get(1).path("messages");
    assertThat(messages.get(1).path("content").asString())
        .isEqualTo("{\"classification\":\"lukewarm\"}");
    assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
    assertThat(messages.get(2).path("content").asString())
        .contains("does not match")
        .contains("classification");
    // both calls count: 120 + 170 tokens
    assertThat(done.usage().aiTokensUsed()).isEqualTo(290);
  }

  @Test
  void anAnswerThatStaysInvalidFailsTheStepWithTheProblem() {
    chat.script(answer("not json", 100, 20), answer("{\"score\":-1}", 100, 20));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) classify(SCHEMA);

    assertThat(failed.error())
        .startsWith("node 'classify': the answer does not match outputSchema: ")
        .contains("classification");
    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(chat.requests()).hasSize(2);
    assertThat(failed.usage().aiTokensUsed()).isEqualTo(240);
  }

  @Test
  void aSchemaReferringOutsideItselfIsRefusedWithoutACall() {
    chat.script(answer("{}", 1, 1));

    NodeOutcome.Failed failed =
        (NodeOutcome.Failed) classify(Map.of("$ref", "https://example.org/schema.json"));

    assertThat(failed.error()).contains("outputSchema may only refer within itself");
    assertThat(chat.requests()).isEmpty();
  }
}
