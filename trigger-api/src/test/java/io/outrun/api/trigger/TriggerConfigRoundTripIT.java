package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The stored config keeps its shape: a trigger's config as the API shows it, saved again with
 * {@code PUT}, is stored as the very same document (keys, order, value types, secret fields), and
 * the stored shapes are the ones listener-service reads (docs/ARCHITECTURE.md).
 */
class TriggerConfigRoundTripIT extends TriggerItSupport {

  private static final Map<String, Object> FILTER =
      Map.of(
          "fullDocument.status",
          "hot",
          "$or",
          List.of(
              Map.of("fullDocument.score", Map.of("$gte", 80)), Map.of("fullDocument.vip", true)));

  @Test
  void everyTypeIsStoredInItsDocumentedShape() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("shapes"));
    String upstream = api.createWorkflow(WorkflowBody.named("upstream"));

    assertThat(storedConfig(created(api, workflowId, "webhook", Map.of("authType", "api_key"))))
        .containsOnlyKeys("method", "authType", "allowedOrigins", "responseFormat", "secretHash");
    assertThat(storedConfig(created(api, workflowId, "schedule", Map.of("intervalSeconds", 60))))
        .isEqualTo(
            Map.of(
                "intervalSeconds",
                60,
                "timezone",
                "UTC",
                "overlapPolicy",
                "skip",
                "catchupWindowSeconds",
                60));
    assertThat(
            storedConfig(
                created(
                    api,
                    workflowId,
                    "dependency",
                    Map.of("dependsOnWorkflowId", upstream, "delayMinutes", 5))))
        .isEqualTo(
            Map.of("dependsOnWorkflowId", upstream, "condition", "on_success", "delayMinutes", 5));
    assertThat(storedConfig(created(api, workflowId, "manual", Map.of()))).isEmpty();
  }

  @Test
  void aConfigShownAndSavedAgainIsStoredUnchanged() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("round trip"));
    String upstream = api.createWorkflow(WorkflowBody.named("upstream"));
    List<Map<String, Object>> triggers =
        List.of(
            created(api, workflowId, "webhook", Map.of()),
            created(
                api,
                workflowId,
                "webhook",
                Map.of(
                    "method", "PUT",
                    "authType", "api_key",
                    "allowedOrigins", List.of("https://app.example"),
                    "responseFormat", "text",
                    "rateLimit", Map.of("requestsPerMinute", 600))),
            created(
                api,
                workflowId,
                "webhook",
                Map.of("authType", "hmac", "signatureScheme", "standard")),
            created(
                api,
                workflowId,
                "schedule",
                Map.of(
                    "cron", "0 2 * * 1-5",
                    "timezone", "America/New_York",
                    "overlapPolicy", "buffer_one",
                    "catchupWindowSeconds", 300)),
            created(
                api,
                workflowId,
                "data_change",
                Map.of(
                    "database",
                    "crm",
                    "collection",
                    "leads",
                    "operations",
                    List.of("update", "insert"),
                    "filter",
                    FILTER)),
            created(
                api,
                workflowId,
                "dependency",
                Map.of("dependsOnWorkflowId", upstream, "condition", "on_completion")));

    for (Map<String, Object> trigger : triggers) {
      String id = (String) trigger.get("id");
      String before = storedTrigger(id).get("config", Document.class).toJson();

      saveAgain(api, workflowId, trigger);

      assertThat(storedTrigger(id).get("config", Document.class).toJson())
          .as("%s trigger %s", trigger.get("type"), id)
          .isEqualTo(before);
    }
  }

  @Test
  void aRotatedSecretIsStoredWithThePreviousOneAndKeptBySavingAgain() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("rotation"));
    Map<String, Object> trigger =
        created(
            api, workflowId, "webhook", Map.of("authType", "hmac", "signatureScheme", "github"));
    String id = (String) trigger.get("id");
    api.rotateSecret(workflowId, id).expectStatus().isOk();
    Document rotated = storedTrigger(id).get("config", Document.class);
    assertThat(rotated.keySet())
        .containsExactly(
            "method",
            "authType",
            "signatureScheme",
            "allowedOrigins",
            "responseFormat",
            "secretEncrypted",
            "keyId",
            "previousSecretEncrypted",
            "previousKeyId",
            "previousSecretExpiresAt");
    assertThat(rotated.get("previousSecretExpiresAt")).isInstanceOf(java.util.Date.class);

    saveAgain(api, workflowId, ApiClient.body(api.getTrigger(workflowId, id)));

    assertThat(storedTrigger(id).get("config", Document.class).toJson())
        .isEqualTo(rotated.toJson());
  }

  /** Creates a trigger of {@code type} with {@code config} as the test writes it. */
  private static Map<String, Object> created(
      ApiClient api, String workflowId, String type, Map<String, Object> config) {
    return api.createdTrigger(workflowId, TriggerBody.of(type).config(config));
  }

  /** {@code PUT} of the trigger as the API showed it. */
  private static void saveAgain(ApiClient api, String workflowId, Map<String, Object> shown) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", shown.get("type"));
    body.put("name", shown.get("name"));
    body.put("enabled", shown.get("enabled"));
    body.put("config", shown.get("config"));
    api.http()
        .put()
        .uri("/api/workflows/{id}/triggers/{t}", workflowId, shown.get("id"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.secret")
        .doesNotExist();
  }

  private Map<String, Object> storedConfig(Map<String, Object> trigger) {
    return new LinkedHashMap<>(
        storedTrigger((String) trigger.get("id")).get("config", Document.class));
  }
}
