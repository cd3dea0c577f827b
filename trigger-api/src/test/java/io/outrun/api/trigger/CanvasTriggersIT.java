package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Trigger nodes on the canvas become the workflow's trigger documents when it is deployed. */
class CanvasTriggersIT extends TriggerItSupport {

  private static Map<String, Object> node(String id, String type, Map<String, Object> data) {
    return Map.of("id", id, "type", type, "position", Map.of("x", 0, "y", 0), "data", data);
  }

  private static Map<String, Object> workflow(List<Map<String, Object>> triggerNodes) {
    List<Map<String, Object>> nodes = new java.util.ArrayList<>(triggerNodes);
    nodes.add(node("greet", "log", Map.of("message", "hi")));
    List<Map<String, Object>> edges =
        triggerNodes.stream()
            .map(
                n ->
                    Map.<String, Object>of(
                        "id", "e-" + n.get("id"), "source", n.get("id"), "target", "greet"))
            .toList();
    return Map.of("name", "canvas", "nodes", nodes, "edges", edges);
  }

  private static Map<String, Object> webhookNode(Map<String, Object> config) {
    Map<String, Object> data = new java.util.LinkedHashMap<>(config);
    data.put("label", "Inbound");
    return node("hook", "trigger.webhook", data);
  }

  /** Marks the workflow's current version as tested and deploys it. */
  private WebTestClient.ResponseSpec deploy(WebTestClient api, String workflowId, int version) {
    mongo
        .insert(
            new Document("_id", UUID.randomUUID().toString())
                .append("requestEventId", UUID.randomUUID().toString())
                .append("workspaceId", workspace)
                .append("workflowId", workflowId)
                .append("workflowVersion", version)
                .append("test", true)
                .append("status", "completed"),
            "runs")
        .block(TIMEOUT);
    return api.post().uri("/api/workflows/{id}/deploy", workflowId).exchange();
  }

  private void edit(WebTestClient api, String workflowId, Map<String, Object> body, int version) {
    Map<String, Object> edited = new java.util.LinkedHashMap<>(body);
    edited.put("version", version);
    api.put()
        .uri("/api/workflows/{id}", workflowId)
        .bodyValue(edited)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private List<Document> canvasTriggers(String workflowId) {
    return mongo
        .find(
            Query.query(Criteria.where("workflowId").is(workflowId).and("nodeId").exists(true)),
            Document.class,
            Trigger.COLLECTION)
        .collectList()
        .block(TIMEOUT);
  }

  @Test
  void deployCreatesTheTriggerOfATriggerNode() {
    WebTestClient api = api();
    String workflowId =
        createWorkflow(api, workflow(List.of(webhookNode(Map.of("authType", "api_key")))));

    deploy(api, workflowId, 1).expectStatus().isOk();

    List<Document> triggers = canvasTriggers(workflowId);
    assertThat(triggers).hasSize(1);
    Document trigger = triggers.getFirst();
    assertThat(trigger.getString("nodeId")).isEqualTo("hook");
    assertThat(trigger.getString("type")).isEqualTo("webhook");
    assertThat(trigger.getString("name")).isEqualTo("Inbound");
    assertThat(trigger.getBoolean("enabled")).isTrue();
    assertThat(trigger.get("config", Document.class).getString("secretHash")).isNotBlank();
    assertThat(body(api.get().uri("/api/triggers/{id}", trigger.getString("_id")).exchange()))
        .containsEntry("workflowId", workflowId);
  }

  @Test
  void redeployKeepsTheTriggersIdAndSecretAndUpdatesItsConfig() {
    WebTestClient api = api();
    Map<String, Object> first = workflow(List.of(webhookNode(Map.of("authType", "api_key"))));
    String workflowId = createWorkflow(api, first);
    deploy(api, workflowId, 1).expectStatus().isOk();
    Document before = canvasTriggers(workflowId).getFirst();

    edit(
        api,
        workflowId,
        workflow(List.of(webhookNode(Map.of("authType", "api_key", "method", "PUT")))),
        1);
    deploy(api, workflowId, 2).expectStatus().isOk();

    List<Document> after = canvasTriggers(workflowId);
    assertThat(after).hasSize(1);
    assertThat(after.getFirst().getString("_id")).isEqualTo(before.getString("_id"));
    Document config = after.getFirst().get("config", Document.class);
    assertThat(config.getString("method")).isEqualTo("PUT");
    assertThat(config.getString("secretHash"))
        .isEqualTo(before.get("config", Document.class).getString("secretHash"));
  }

  @Test
  void aRemovedTriggerNodeDisablesItsTriggerAndApiTriggersStay() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, workflow(List.of(webhookNode(Map.of()))));
    String apiTrigger = (String) created(api, workflowId, "manual", Map.of()).get("id");
    deploy(api, workflowId, 1).expectStatus().isOk();
    String canvasTrigger = canvasTriggers(workflowId).getFirst().getString("_id");

    edit(
        api,
        workflowId,
        workflow(List.of(node("start", "trigger.manual", Map.of("label", "Start")))),
        1);
    deploy(api, workflowId, 2).expectStatus().isOk();

    assertThat(storedTrigger(canvasTrigger).getBoolean("enabled")).isFalse();
    assertThat(storedTrigger(canvasTrigger)).doesNotContainKey("nodeId");
    assertThat(storedTrigger(apiTrigger).getBoolean("enabled")).isTrue();
    assertThat(canvasTriggers(workflowId))
        .extracting(d -> d.getString("nodeId"))
        .containsExactly("start");
  }

  @Test
  void anInvalidTriggerNodeRefusesTheDeployNamingTheNode() {
    WebTestClient api = api();
    String workflowId =
        createWorkflow(
            api,
            workflow(
                List.of(
                    webhookNode(Map.of("requireSignature", true)),
                    node("nightly", "trigger.schedule", Map.of("cron", "not a cron")))));

    deploy(api, workflowId, 1)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[?(@.field == 'nodes[hook].data.requireSignature')]")
        .exists()
        .jsonPath("$.errors[?(@.field == 'nodes[nightly].data.cron')]")
        .exists();
    assertThat(canvasTriggers(workflowId)).isEmpty();
  }

  @Test
  void aSecretInATriggerNodeIsRefused() {
    WebTestClient api = api();
    String workflowId =
        createWorkflow(
            api,
            workflow(List.of(webhookNode(Map.of("authType", "hmac", "secret", "x".repeat(20))))));

    deploy(api, workflowId, 1)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[hook].data.secret");
  }

  @Test
  void twoTriggerNodesWithOnePathAreRefused() {
    WebTestClient api = api();
    Map<String, Object> second =
        node("hook2", "trigger.webhook", Map.of("path", "same", "label", "Second"));
    String workflowId =
        createWorkflow(api, workflow(List.of(webhookNode(Map.of("path", "same")), second)));

    deploy(api, workflowId, 1)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[hook2].data.path");
  }
}
