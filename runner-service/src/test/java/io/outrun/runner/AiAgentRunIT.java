package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static io.outrun.runner.node.FakeChatServer.answer;
import static io.outrun.runner.node.FakeChatServer.call;
import static io.outrun.runner.node.FakeChatServer.callsTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.runner.egress.FakePeer;
import io.outrun.runner.node.FakeChatServer;
import io.outrun.testing.TestInfraInitializer;
import java.io.IOException;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workflow with an {@code ai_agent} that calls a tool and answers by its {@code outputSchema},
 * against the fake OpenAI-compatible server of the shared test context ({@link TestNodes}) and a
 * tool peer on loopback, through Kafka and MongoDB: the next node reads the answer's fields, and
 * every model call's tokens and cost add up in the run's usage; a workflow tool runs one child run
 * per call and the model reads its outputs, or its failure.
 */
@SpringBootTest
@Import(TestNodes.class)
@ContextConfiguration(initializers = TestInfraInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiAgentRunIT {

  private static final FakeChatServer CHAT = FakeChatServer.shared();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;

  private FakePeer peer;
  private RunFixtures runs;

  @BeforeAll
  void startPeer() throws IOException {
    runs = new RunFixtures(mongo, publisher);
    peer = new FakePeer();
  }

  @BeforeEach
  void forgetPeerRequests() {
    peer.received().clear();
  }

  @AfterAll
  void stop() {
    peer.close();
  }

  private String classifyingWorkflow(Document settings) {
    Document tool =
        new Document("name", "lookup")
            .append("url", peer.url("/json") + "?lead={{ $args.id }}")
            .append(
                "parameters",
                new Document("type", "object")
                    .append("properties", new Document("id", new Document("type", "string"))));
    Document schema =
        new Document("type", "object")
            .append(
                "properties",
                new Document(
                    "classification", new Document("enum", List.of("hot", "warm", "cold"))))
            .append("required", List.of("classification"));
    return runs.saveWorkflow(
        List.of(
            node(
                "classify",
                "ai_agent",
                new Document("model", "gpt-4o-mini")
                    .append("prompt", "Classify lead {{ $trigger.name }}")
                    .append("tools", List.of(tool))
                    .append("outputSchema", schema)),
            node(
                "route",
                "transform",
                new Document("expression", "$steps.classify.output.classification"))),
        List.of(edge("classify", "route")),
        settings);
  }

  @Test
  void theNextNodeReadsTheAnswersFieldsAndEveryModelCallAddsUpInTheRunsUsage() {
    CHAT.script(
        callsTools(1_000, 100, call("c1", "lookup", "{\"id\":\"ada\"}")),
        answer("{\"classification\":\"hot\"}", 1_200, 20));
    RunRequested request = request(classifyingWorkflow(new Document()));

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).as(run.toJson()).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps.get(1).get("output")).isEqualTo("hot");
    Document agent = steps.get(0).get("output", Document.class).get("_agent", Document.class);
    assertThat(agent.getList("calls", Document.class))
        .extracting(entry -> entry.getString("kind"))
        .containsExactly("model", "tool", "model");
    assertThat(peer.received()).extracting(FakePeer.Received::path).containsExactly("/json");
    Document usage = run.get("usage", Document.class);
    assertThat(((Number) usage.get("aiTokensUsed")).longValue()).isEqualTo(2_320);
    // (1000 + 1200) * 0.15 / 1e6 + (100 + 20) * 0.60 / 1e6
    assertThat(((Number) usage.get("estimatedCost")).doubleValue())
        .isCloseTo(0.000402, within(1e-12));
    assertThat(((Number) usage.get("httpRequests")).longValue()).isEqualTo(1);
  }

  @Test
  void theRunsTokenBudgetStopsTheToolLoopAndTheSpentTokensStayCounted() {
    CHAT.script(
        callsTools(150, 50, call("c1", "lookup", "{\"id\":\"ada\"}")),
        answer("{\"classification\":\"hot\"}", 10, 10));
    RunRequested request =
        request(classifyingWorkflow(new Document("budget", new Document("maxTokensPerRun", 200))));

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error"))
        .isEqualTo("node 'classify': budget of 200 tokens per run exhausted");
    assertThat(CHAT.requests()).hasSize(1);
    assertThat(((Number) run.get("usage", Document.class).get("aiTokensUsed")).longValue())
        .isEqualTo(200);
  }

  /** An agent whose one tool, {@code stock}, runs workflow {@code child} with {@code {sku}}. */
  private String agentWithWorkflowTool(String child) {
    Document tool =
        new Document("kind", "workflow")
            .append("name", "stock")
            .append("description", "Checks the stock of a SKU")
            .append("workflowId", child)
            .append(
                "parameters",
                new Document("type", "object")
                    .append("properties", new Document("sku", new Document("type", "string")))
                    .append("required", List.of("sku")));
    return runs.saveWorkflow(
        List.of(
            node(
                "agent",
                "ai_agent",
                new Document("model", "gpt-4o-mini")
                    .append("prompt", "Is {{ $trigger.name }} in stock?")
                    .append("tools", List.of(tool)))),
        List.of(),
        new Document());
  }

  private List<Document> childRunsOf(String parentRunId) {
    return mongo
        .find(
            Query.query(
                Criteria.where("triggeredBy.source").is("run " + parentRunId + " node agent/c1")),
            Document.class,
            "runs")
        .collectList()
        .block(RunFixtures.PATIENCE);
  }

  @Test
  void aWorkflowToolRunsOneChildRunAndTheModelReadsItsOutputs() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1",
            List.of(node("count", "transform", new Document("expression", "$trigger.sku & ': 7'"))),
            List.of());
    CHAT.script(
        callsTools(100, 10, call("c1", "stock", "{\"sku\":\"a-1\"}")),
        answer("a-1 has 7 left", 120, 10));
    RunRequested request = request(agentWithWorkflowTool(child));

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).as(run.toJson()).isEqualTo("completed");
    List<Document> children = childRunsOf(request.runId());
    assertThat(children).hasSize(1);
    Document childRun = children.getFirst();
    assertThat(childRun.getString("workflowId")).isEqualTo(child);
    assertThat(childRun.getString("status")).isEqualTo("completed");
    assertThat(childRun.get("triggeredBy", Document.class).getString("type"))
        .isEqualTo("sub_workflow");
    assertThat(childRun.getInteger("chainDepth")).isEqualTo(1);
    JsonNode toolMessage = CHAT.requests().get(1).path("messages").get(2);
    assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("c1");
    JsonNode result = JSON.readTree(toolMessage.path("content").asString());
    assertThat(result.path("runId").asString()).isEqualTo(childRun.getString("_id"));
    assertThat(result.path("outputs").path("count").asString()).isEqualTo("a-1: 7");
    Document output = run.getList("steps", Document.class).getFirst().get("output", Document.class);
    assertThat(output.getString("text")).isEqualTo("a-1 has 7 left");
    assertThat(output.getList("calls", Document.class))
        .filteredOn(entry -> "tool".equals(entry.getString("kind")))
        .extracting(entry -> entry.getBoolean("failed"))
        .containsExactly(false);
  }

  @Test
  void aFailingChildIsSentToTheModelAsTheToolCallsError() {
    String child =
        runs.saveActiveWorkflow(
            "ws-1",
            List.of(
                node("stop", "fail", new Document("message", "no stock for {{ $trigger.sku }}"))),
            List.of());
    CHAT.script(
        callsTools(100, 10, call("c1", "stock", "{\"sku\":\"a-1\"}")),
        answer("a-1 is out of stock", 120, 10));
    RunRequested request = request(agentWithWorkflowTool(child));

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).as(run.toJson()).isEqualTo("completed");
    List<Document> children = childRunsOf(request.runId());
    assertThat(children).hasSize(1);
    String childRunId = children.getFirst().getString("_id");
    JsonNode result =
        JSON.readTree(CHAT.requests().get(1).path("messages").get(2).path("content").asString());
    assertThat(result.path("error").asString())
        .contains("sub-workflow run " + childRunId + " failed")
        .contains("no stock for a-1");
    Document output = run.getList("steps", Document.class).getFirst().get("output", Document.class);
    assertThat(output.getList("calls", Document.class))
        .filteredOn(entry -> "tool".equals(entry.getString("kind")))
        .extracting(entry -> entry.getBoolean("failed"))
        .containsExactly(true);
  }
}
