package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/workflows/{id}/export} and {@code POST /api/workflows/import}. */
class WorkflowTransferIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void exportHoldsTheLatestVersionAndTheTriggersWithoutIdsOrSecrets() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    api.editWorkflow(id, WorkflowBody.named("v2").version(1)).expectStatus().isOk();
    api.createdTrigger(id, TriggerBody.schedule("0 2 * * *"));
    Map<String, Object> webhook =
        api.createdTrigger(id, TriggerBody.webhook().config("authType", "api_key"));

    api.exportWorkflow(id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.format")
        .isEqualTo("outrun.workflow/v1")
        .jsonPath("$.workflow.name")
        .isEqualTo("v2")
        .jsonPath("$.workflow.nodes.length()")
        .isEqualTo(2)
        .jsonPath("$.workflow.settings.timeoutMs")
        .isEqualTo(300000)
        .jsonPath("$.triggers.length()")
        .isEqualTo(2)
        .jsonPath("$.triggers[*].type")
        .value(types -> assertThat(String.valueOf(types)).contains("schedule", "webhook"));
    String text = new String(api.exportWorkflow(id).expectBody().returnResult().getResponseBody());
    assertThat(text)
        .doesNotContain((String) webhook.get("secret"))
        .doesNotContain("secretHash")
        .doesNotContain("encrypted")
        .doesNotContain((String) webhook.get("id"))
        .doesNotContain(id);
  }

  @Test
  void importCreatesADraftWithNewIdsAndFreshSecretsThatExportsTheSame() {
    ApiClient source = apiAs("u1", workspace);
    String id = source.createWorkflow(WorkflowBody.named("pipeline"));
    source.createdTrigger(id, TriggerBody.schedule("30 2 * * *").named("nightly"));
    Map<String, Object> webhook =
        source.createdTrigger(id, TriggerBody.webhook().config("authType", "api_key"));
    Map<String, Object> exported = ApiClient.body(source.exportWorkflow(id).expectStatus().isOk());

    ApiClient target = apiAs("u2", "ws-" + UUID.randomUUID());
    Map<String, Object> imported =
        ApiClient.body(target.importWorkflow(exported).expectStatus().isCreated());

    String copy = (String) imported.get("id");
    assertThat(copy).isNotEqualTo(id);
    assertThat(imported).containsEntry("status", "draft").containsEntry("version", 1);
    List<?> triggers = (List<?>) imported.get("triggers");
    assertThat(triggers).hasSize(2);
    Map<?, ?> newWebhook =
        triggers.stream()
            .map(Map.class::cast)
            .filter(trigger -> "webhook".equals(trigger.get("type")))
            .findFirst()
            .orElseThrow();
    assertThat(newWebhook.get("id")).isNotEqualTo(webhook.get("id"));
    assertThat(newWebhook.get("workflowId")).isEqualTo(copy);
    assertThat((String) newWebhook.get("secret")).isNotBlank().isNotEqualTo(webhook.get("secret"));
    assertThat(ApiClient.body(target.exportWorkflow(copy).expectStatus().isOk()))
        .isEqualTo(exported);
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheField() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("flow"));
    Map<String, Object> document = new HashMap<>(ApiClient.body(api.exportWorkflow(id)));
    document.put("format", "outrun.workflow/v9");

    api.importWorkflow(document)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("format");
  }

  @Test
  void aTriggerTheTriggersApiWouldRefuseRefusesTheImportBeforeAnythingIsWritten() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    Map<String, Object> document =
        Map.of(
            "format",
            "outrun.workflow/v1",
            "workflow",
            WorkflowBody.named("flow").build(),
            "triggers",
            List.of(
                TriggerBody.schedule("0 2 * * *").build(),
                TriggerBody.schedule("not a cron").build()));

    api.importWorkflow(document)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .value(field -> assertThat((String) field).startsWith("triggers[1].config"));
    api.http()
        .get()
        .uri("/api/workflows")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(0);
  }

  @Test
  void importingIntoTheSameWorkspaceDropsATakenWebhookPathWithAWarning() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    String id = api.createWorkflow(WorkflowBody.named("orders"));
    api.createdTrigger(id, TriggerBody.webhook().config("path", "orders"));
    Map<String, Object> exported = ApiClient.body(api.exportWorkflow(id).expectStatus().isOk());

    Map<String, Object> imported =
        ApiClient.body(api.importWorkflow(exported).expectStatus().isCreated());

    List<?> warnings = (List<?>) imported.get("warnings");
    assertThat(warnings).hasSize(1);
    Map<?, ?> warning = (Map<?, ?>) warnings.getFirst();
    assertThat(warning.get("field")).isEqualTo("triggers[0].config.path");
    assertThat((String) warning.get("message")).contains("'orders'");
    Map<?, ?> copy = (Map<?, ?>) ((List<?>) imported.get("triggers")).getFirst();
    assertThat(((Map<?, ?>) copy.get("config")).containsKey("path")).isFalse();
    assertThat((String) copy.get("webhookUrl")).endsWith("/api/webhooks/" + copy.get("id"));
  }

  @Test
  void anImportFailingAfterItsChecksLeavesNoDraftOrTriggerBehind() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    Map<String, Object> document =
        Map.of(
            "format",
            "outrun.workflow/v1",
            "workflow",
            WorkflowBody.named("flow").build(),
            "triggers",
            List.of(
                TriggerBody.webhook().config("path", "same").build(),
                TriggerBody.webhook().config("path", "same").named("second").build()));

    api.importWorkflow(document).expectStatus().isEqualTo(409);

    api.http()
        .get()
        .uri("/api/workflows")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(0);
    api.http()
        .get()
        .uri("/api/triggers")
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(0);
  }

  @Test
  void anotherWorkspaceCannotExportTheWorkflow() {
    String id = apiAs("u1", workspace).createWorkflow(WorkflowBody.named("mine"));

    apiAs("u1", "ws-" + UUID.randomUUID()).exportWorkflow(id).expectStatus().isNotFound();
  }

  @Test
  void triggersOfCanvasNodesAreExportedAsTheirNodesOnly() {
    ApiClient api = apiAs("u1", workspace);
    String id =
        api.createWorkflow(
            WorkflowBody.empty("canvas")
                .trigger("tick", "schedule", Map.of("cron", "0 3 * * *"), "greet")
                .node("greet", "log", Map.of("message", "hi")));
    deployTested(api, id, 1);
    api.createdTrigger(id, TriggerBody.manual());

    api.exportWorkflow(id)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.workflow.nodes[0].type")
        .isEqualTo("trigger.schedule")
        .jsonPath("$.triggers.length()")
        .isEqualTo(1)
        .jsonPath("$.triggers[0].type")
        .isEqualTo("manual");
  }
}
