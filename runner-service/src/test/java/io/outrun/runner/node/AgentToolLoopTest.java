package io.outrun.runner.node;

import static io.outrun.runner.node.FakeChatServer.answer;
import static io.outrun.runner.node.FakeChatServer.call;
import static io.outrun.runner.node.FakeChatServer.callsTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outrun.runner.egress.EgressProperties;
import io.outrun.runner.egress.FakePeer;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.retry.RetryAfter;
import io.outrun.runner.usage.TokenAllowance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code ai_agent} with tools, against a fake OpenAI-compatible server scripting tool calls and a
 * tool peer, both real HTTP on loopback (egress allows private addresses here).
 */
class AgentToolLoopTest {

  private static final ExpressionContext CONTEXT =
      new ExpressionContext(
          Map.of("city", "Paris"), Map.of(), "run-1", "wf-1", Map.of("TOKEN", "tok-s3cret"));

  private static FakeChatServer chat;
  private static FakePeer peer;
  private static GuardedHttpClient client;
  private static AiAgentNode node;

  @BeforeAll
  static void start() throws Exception {
    chat = new FakeChatServer();
    peer = new FakePeer();
    client = new GuardedHttpClient(EgressProperties.defaults(true));
    var retryAfter = new RetryAfter(Clock.systemUTC());
    node =
        new AiAgentNode(
            StandardExpressions.templates(),
            new AiProperties(chat.baseUrl(), "sk-1", Duration.ofSeconds(30), Map.of()),
            StandardExpressions.EVALUATIONS,
            retryAfter,
            StandardNodes.agentTools(
                new HttpExchanges(StandardExpressions.EVALUATIONS, client, retryAfter)));
  }

  @AfterAll
  static void stop() {
    client.close();
    peer.close();
    chat.close();
  }

  @BeforeEach
  void forget() {
    peer.received().clear();
  }

  private static Map<String, Object> agent(int maxIterations) {
    return Map.of(
        "model",
        "gpt-4o-mini",
        "prompt",
        "Weather in {{ $trigger.city }}?",
        "maxIterations",
        maxIterations,
        "tools",
        List.of(
            Map.of(
                "name",
                "lookup",
                "description",
                "Looks a city up",
                "method",
                "GET",
                "url",
                peer.url("/json") + "?city={{ $encodeUrlComponent($args.city) }}",
                "headers",
                Map.of("Authorization", "Bearer {{ $secrets.TOKEN }}"),
                "parameters",
                Map.of(
                    "type", "object",
                    "properties", Map.of("city", Map.of("type", "string")),
                    "required", List.of("city"))),
            Map.of(
                "name",
                "report",
                "method",
                "POST",
                "url",
                peer.url("/status/{{ $args.code }}"),
                "parameters",
                Map.of(
                    "type", "object", "properties", Map.of("code", Map.of("type", "integer"))))));
  }

  private static NodeOutcome run(Map<String, Object> data, TokenAllowance tokens) {
    return node.execute(new NodeCall("ask", "ai_agent", data, CONTEXT).withTokens(tokens)).block();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> calls(NodeOutcome outcome) {
    return (List<Map<String, Object>>)
        ((Map<String, Object>) ((NodeOutcome.Succeeded) outcome).output()).get("calls");
  }

  @Test
  void aTwoToolLoopCallsBothToolsAndAnswersWithEveryCallRecordedAndAccounted() {
    chat.script(
        callsTools(1_000, 100, call("c1", "lookup", "{\"city\":\"Saint Denis\"}")),
        callsTools(1_200, 100, call("c2", "report", "{\"code\":204}")),
        answer("Sunny in Saint Denis", 1_500, 50));

    NodeOutcome outcome = run(agent(5), TokenAllowance.UNLIMITED);

    assertThat(outcome).isInstanceOf(NodeOutcome.Succeeded.class);
    assertThat(((Map<?, ?>) ((NodeOutcome.Succeeded) outcome).output()).get("text"))
        .isEqualTo("Sunny in Saint Denis");
    assertThat(peer.received())
        .extracting(FakePeer.Received::method, FakePeer.Received::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET", "/json"),
            org.assertj.core.groups.Tuple.tuple("POST", "/status/204"));
    assertThat(peer.received().get(0).header("Authorization")).isEqualTo("Bearer tok-s3cret");
    assertThat(peer.received().get(1).bodyText()).isEqualTo("{\"code\":204}");
    assertThat(peer.received().get(1).header("Idempotency-Key")).isEqualTo("run-1:ask:c2");

    List<JsonNode> requests = chat.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests.get(0).path("tools")).hasSize(2);
    JsonNode toolMessage = requests.get(1).path("messages").get(2);
    assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
    assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("c1");
    assertThat(toolMessage.path("content").asString()).contains("\"status\":200");
    assertThat(requests.get(2).path("messages")).hasSize(5); // user, then (assistant, tool) twice

    assertThat(calls(outcome))
        .extracting(entry -> entry.get("kind") + ":" + entry.getOrDefault("tool", ""))
        .containsExactly("model:", "tool:lookup", "model:", "tool:report", "model:");
    assertThat(calls(outcome).get(1))
        .containsEntry("arguments", Map.of("city", "Saint Denis"))
        .containsEntry("failed", false);
    var usage = outcome.usage();
    assertThat(usage.aiTokensUsed()).isEqualTo(3_950);
    // (1000 + 1200 + 1500) * 0.15 / 1e6 + (100 + 100 + 50) * 0.60 / 1e6
    assertThat(usage.estimatedCost()).isCloseTo(0.000705, within(1e-12));
    assertThat(usage.httpRequests()).isEqualTo(2);
  }

  @Test
  void aFailingToolCallGoesBackToTheModelWhichCallsItAgain() {
    chat.script(
        callsTools(100, 10, call("c1", "report", "{\"code\":503}")),
        callsTools(100, 10, call("c2", "report", "{\"code\":200}")),
        answer("reported", 100, 10));

    NodeOutcome outcome = run(agent(5), TokenAllowance.UNLIMITED);

    assertThat(outcome).isInstanceOf(NodeOutcome.Succeeded.class);
    assertThat(peer.received())
        .extracting(FakePeer.Received::path)
        .containsExactly("/status/503", "/status/200");
    assertThat(chat.requests().get(1).path("messages").get(2).path("content").asString())
        .contains("error")
        .contains("HTTP 503");
    assertThat(calls(outcome).get(1)).containsEntry("failed", true);
    assertThat(calls(outcome).get(3)).containsEntry("failed", false);
  }

  @Test
  void argumentsTheToolsSchemaRefusesAreAnsweredWithTheProblemWithoutACall() {
    chat.script(
        callsTools(100, 10, call("c1", "lookup", "{\"town\":\"Paris\"}")),
        answer("sorry", 100, 10));

    NodeOutcome outcome = run(agent(5), TokenAllowance.UNLIMITED);

    assertThat(peer.received()).isEmpty();
    assertThat(chat.requests().get(1).path("messages").get(2).path("content").asString())
        .contains("do not match the tool's parameters")
        .contains("city");
    assertThat(calls(outcome).get(1)).containsEntry("failed", true);
  }

  @Test
  void reachingMaxIterationsFailsTheStepWithTheTokensOfEveryCall() {
    chat.script(
        callsTools(100, 10, call("c1", "report", "{\"code\":200}")),
        callsTools(100, 10, call("c2", "report", "{\"code\":200}")),
        callsTools(100, 10, call("c3", "report", "{\"code\":200}")));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(agent(2), TokenAllowance.UNLIMITED);

    assertThat(failed.error())
        .isEqualTo("node 'ask': maxIterations (2) reached before a final answer");
    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(chat.requests()).hasSize(2);
    assertThat(peer.received()).hasSize(1);
    assertThat(failed.usage().aiTokensUsed()).isEqualTo(220);
    assertThat(failed.usage().httpRequests()).isEqualTo(1);
  }

  @Test
  void theRunsTokenBudgetStopsTheLoopBeforeTheNextModelCall() {
    chat.script(
        callsTools(90, 10, call("c1", "report", "{\"code\":200}")),
        callsTools(90, 10, call("c2", "report", "{\"code\":200}")),
        answer("never asked", 90, 10));
    // the run used 50 before this step and may use 150: after the first call (100) it is spent
    var allowance = new TokenAllowance(50, OptionalLong.of(150));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(agent(5), allowance);

    assertThat(failed.error()).isEqualTo("node 'ask': budget of 150 tokens per run exhausted");
    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(chat.requests()).hasSize(1);
    assertThat(failed.usage().aiTokensUsed()).isEqualTo(100);
  }

  @Test
  void aWorkflowToolWithoutAWorkflowIdFailsTheStepWithoutAnyCall() {
    chat.script(answer("unused", 1, 1));
    Map<String, Object> data =
        Map.of(
            "model", "gpt-4o-mini",
            "prompt", "hi",
            "tools", List.of(Map.of("kind", "workflow", "name", "sub", "workflowId", " ")));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(data, TokenAllowance.UNLIMITED);

    assertThat(failed.error()).contains("tools[0].workflowId is required");
    assertThat(chat.requests()).isEmpty();
  }

  @Test
  void aWorkflowToolsRefusedChildIsSentToTheModelAsTheCallsError() {
    chat.script(
        callsTools(10, 5, call("c1", "sub", "{\"sku\":\"a-1\"}")), answer("no luck", 10, 5));
    Map<String, Object> data =
        Map.of(
            "model", "gpt-4o-mini",
            "prompt", "hi",
            "tools", List.of(Map.of("kind", "workflow", "name", "sub", "workflowId", "wf-2")));

    NodeOutcome.Succeeded done = (NodeOutcome.Succeeded) run(data, TokenAllowance.UNLIMITED);

    assertThat(((Map<?, ?>) done.output()).get("text")).isEqualTo("no luck");
    JsonNode toolMessage = chat.requests().get(1).path("messages").get(2);
    assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("c1");
    assertThat(toolMessage.path("content").asString())
        .isEqualTo("{\"error\":\"no child runs outside a runner\"}");
  }

  @Test
  void aWorkflowToolCallWhoseIdCannotNameAChildRunIsTheCallsErrorWithoutAChild() {
    String longId = "c".repeat(129);
    chat.script(callsTools(10, 5, call(longId, "sub", "{}")), answer("gave up", 10, 5));
    Map<String, Object> data =
        Map.of(
            "model", "gpt-4o-mini",
            "prompt", "hi",
            "tools", List.of(Map.of("kind", "workflow", "name", "sub", "workflowId", "wf-2")));

    run(data, TokenAllowance.UNLIMITED);

    assertThat(chat.requests().get(1).path("messages").get(2).path("content").asString())
        .contains("the tool call's id must be 1 to 128 letters");
  }
}
