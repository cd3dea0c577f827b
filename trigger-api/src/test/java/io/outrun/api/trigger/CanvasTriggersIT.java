package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.RunDocument;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Trigger nodes on the canvas become the workflow's trigger documents when it is deployed. */
class CanvasTriggersIT extends TriggerItSupport {

  /** A trigger node of the canvas: {@code trigger.<type>} with {@code data}. */
  private record TriggerNode(String id, String type, Map<String, Object> data) {}

  /** A workflow whose trigger nodes each lead to one log step, {@code greet}. */
  private static WorkflowBody canvas(TriggerNode... triggers) {
    WorkflowBody workflow = WorkflowBody.empty("canvas");
    for (TriggerNode trigger : triggers) {
      workflow.trigger(trigger.id(), trigger.type(), trigger.data(), "greet");
    }
    return workflow.node("greet", "log", Map.of("message", "hi"));
  }

  /** The webhook node {@code hook}, labelled {@code Inbound}, with {@code config}. */
  private static TriggerNode webhookNode(Map<String, Object> config) {
    Map<String, Object> data = new LinkedHashMap<>(config);
    data.put("label", "Inbound");
    return new TriggerNode("hook", "webhook", data);
  }

  /** Marks the workflow's {@code version} as tested and deploys it. */
  private WebTestClient.ResponseSpec deploy(ApiClient api, String workflowId, int version) {
    insertRun(RunDocument.of(api.workspaceId(), workflowId).version(version).test());
    return api.lifecycle(workflowId, "deploy");
  }

  private static void edit(ApiClient api, String workflowId, WorkflowBody edit, int version) {
    api.editWorkflow(workflowId, edit.version(version)).expectStatus().isOk();
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
    ApiClient api = owner();
    String workflowId = api.createWorkflow(canvas(webhookNode(Map.of("authType", "api_key"))));

    deploy(api, workflowId, 1).expectStatus().isOk();

    List<Document> triggers = canvasTriggers(workflowId);
    assertThat(triggers).hasSize(1);
    Document trigger = triggers.getFirst();
    assertThat(trigger.getString("nodeId")).isEqualTo("hook");
    assertThat(trigger.getString("type")).isEqualTo("webhook");
    assertThat(trigger.getString("name")).isEqualTo("Inbound");
    assertThat(trigger.getBoolean("enabled")).isTrue();
    assertThat(trigger.get("config", Document.class).getString("secretHash")).isNotBlank();
    assertThat(body(api.triggerById(trigger.getString("_id"))))
        .containsEntry("workflowId", workflowId);
  }

  @Test
  void redeployKeepsTheTriggersIdAndSecretAndUpdatesItsConfig() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(canvas(webhookNode(Map.of("authType", "api_key"))));
    deploy(api, workflowId, 1).expectStatus().isOk();
    Document before = canvasTriggers(workflowId).getFirst();

    edit(api, workflowId, canvas(webhookNode(Map.of("authType", "api_key", "method", "PUT"))), 1);
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
  void firingOrBackfillingACanvasTriggerNamesItsNode() {
    ApiClient api = owner();
    TriggerNode tick =
        new TriggerNode("tick", "schedule", Map.of("label", "Daily", "cron", "0 6 * * *"));
    String workflowId = api.createWorkflow(canvas(tick));
    deploy(api, workflowId, 1).expectStatus().isOk();
    String triggerId = canvasTriggers(workflowId).getFirst().getString("_id");

    String fired =
        (String)
            body(api.fireTrigger(workflowId, triggerId, Map.of()).expectStatus().isAccepted())
                .get("runId");
    @SuppressWarnings("unchecked")
    List<String> backfilled =
        (List<String>)
            body(api.backfill(
                        workflowId,
                        triggerId,
                        Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-01T12:00:00Z"))
                    .expectStatus()
                    .isAccepted())
                .get("runIds");

    assertThat(backfilled).hasSize(1);
    assertThat(requestFor(fired).triggeredBy().nodeId()).isEqualTo("tick");
    assertThat(requestFor(backfilled.getFirst()).triggeredBy().nodeId()).isEqualTo("tick");
  }

  @Test
  void aRemovedTriggerNodeDisablesItsTriggerAndApiTriggersStay() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(canvas(webhookNode(Map.of())));
    String apiTrigger = (String) api.createdTrigger(workflowId, TriggerBody.manual()).get("id");
    deploy(api, workflowId, 1).expectStatus().isOk();
    String canvasTrigger = canvasTriggers(workflowId).getFirst().getString("_id");

    edit(api, workflowId, canvas(new TriggerNode("start", "manual", Map.of("label", "Start"))), 1);
    deploy(api, workflowId, 2).expectStatus().isOk();

    assertThat(storedTrigger(canvasTrigger).getBoolean("enabled")).isFalse();
    assertThat(storedTrigger(canvasTrigger)).doesNotContainKey("nodeId");
    assertThat(storedTrigger(apiTrigger).getBoolean("enabled")).isTrue();
    assertThat(canvasTriggers(workflowId))
        .extracting(d -> d.getString("nodeId"))
        .containsExactly("start");
  }

  @Test
  void theDeployThatCreatesAWebhookShowsItsSecretOnceAndLaterDeploysDoNot() {
    ApiClient api = owner();
    String workflowId =
        api.createWorkflow(canvas(webhookNode(Map.of("authType", "api_key", "path", "orders"))));

    Map<String, Object> first = body(deploy(api, workflowId, 1).expectStatus().isOk());

    String triggerId = canvasTriggers(workflowId).getFirst().getString("_id");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shown = (List<Map<String, Object>>) first.get("newTriggerSecrets");
    assertThat(shown).hasSize(1);
    assertThat(shown.getFirst())
        .containsEntry("nodeId", "hook")
        .containsEntry("triggerId", triggerId)
        .containsEntry("path", "orders")
        .containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + triggerId);
    assertThat((String) shown.getFirst().get("secret")).isNotBlank();
    assertThat(storedTrigger(triggerId).toJson())
        .doesNotContain((String) shown.getFirst().get("secret"));

    edit(api, workflowId, canvas(webhookNode(Map.of("authType", "api_key", "method", "PUT"))), 1);
    Map<String, Object> second = body(deploy(api, workflowId, 2).expectStatus().isOk());
    assertThat(second).doesNotContainKey("newTriggerSecrets");
  }

  @Test
  void changingAWebhooksKindOfSecretShowsTheNewSecret() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(canvas(webhookNode(Map.of("authType", "api_key"))));
    deploy(api, workflowId, 1).expectStatus().isOk();

    edit(api, workflowId, canvas(webhookNode(Map.of("authType", "hmac"))), 1);
    Map<String, Object> redeployed = body(deploy(api, workflowId, 2).expectStatus().isOk());

    assertThat(redeployed.get("newTriggerSecrets")).asList().hasSize(1);
  }

  @Test
  void rollbackResynchronisesTheTriggersWithThatVersionsNodesKeepingIdsAndSecrets() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(canvas(webhookNode(Map.of("authType", "api_key"))));
    deploy(api, workflowId, 1).expectStatus().isOk();
    Document hook = canvasTriggers(workflowId).getFirst();
    edit(api, workflowId, canvas(new TriggerNode("start", "manual", Map.of("label", "Start"))), 1);
    deploy(api, workflowId, 2).expectStatus().isOk();
    String start = canvasTriggers(workflowId).getFirst().getString("_id");

    Map<String, Object> rolledBack = body(api.rollback(workflowId, 1).expectStatus().isOk());

    assertThat(rolledBack)
        .containsEntry("deployedVersion", 1)
        .doesNotContainKey("newTriggerSecrets");
    assertThat(canvasTriggers(workflowId))
        .extracting(
            d -> d.getString("_id"), d -> d.getString("nodeId"), d -> d.getBoolean("enabled"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(hook.getString("_id"), "hook", true));
    assertThat(
            storedTrigger(hook.getString("_id"))
                .get("config", Document.class)
                .getString("secretHash"))
        .isEqualTo(hook.get("config", Document.class).getString("secretHash"));
    assertThat(storedTrigger(start).getBoolean("enabled")).isFalse();

    api.rollback(workflowId, 2).expectStatus().isOk();
    assertThat(canvasTriggers(workflowId))
        .extracting(d -> d.getString("_id"), d -> d.getBoolean("enabled"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(start, true));
    assertThat(storedTrigger(hook.getString("_id")).getBoolean("enabled")).isFalse();
  }

  @Test
  void anInvalidTriggerNodeRefusesTheDeployNamingTheNode() {
    ApiClient api = owner();
    String workflowId =
        api.createWorkflow(
            canvas(
                webhookNode(Map.of("requireSignature", true)),
                new TriggerNode("nightly", "schedule", Map.of("cron", "not a cron"))));

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
    ApiClient api = owner();
    String workflowId =
        api.createWorkflow(
            canvas(webhookNode(Map.of("authType", "hmac", "secret", "x".repeat(20)))));

    deploy(api, workflowId, 1)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[hook].data.secret");
  }

  @Test
  void twoTriggerNodesWithOnePathAreRefused() {
    ApiClient api = owner();
    TriggerNode second =
        new TriggerNode("hook2", "webhook", Map.of("path", "same", "label", "Second"));
    String workflowId = api.createWorkflow(canvas(webhookNode(Map.of("path", "same")), second));

    deploy(api, workflowId, 1)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[hook2].data.path");
  }
}
