package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.Sha256;
import io.outrun.triggers.WebhookConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class TriggerSecretsIT extends TriggerItSupport {

  private final SecretBox testKey =
      SecretBox.fromBase64(ApiTestSupport.ENCRYPTION_KEY, "test key").orElseThrow();

  @Test
  void apiKeyIsShownOnceAndStoredOnlyAsItsHash() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("keyed"));

    Map<String, Object> trigger =
        api.createdTrigger(workflowId, hook().config("authType", "api_key"));

    String id = (String) trigger.get("id");
    String secret = (String) trigger.get("secret");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(trigger).containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + id);
    Document config = storedTrigger(id).get("config", Document.class);
    assertThat(config.getString("secretHash")).isEqualTo(Sha256.hex(secret));
    assertThat(storedTrigger(id).toJson()).doesNotContain(secret);
    assertSecretNeverReadAgain(api, workflowId, id, secret);
  }

  @Test
  void hmacSecretChosenByTheCallerIsStoredEncrypted() throws Exception {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("signed"));
    String chosen = "github-shared-secret-42";

    Map<String, Object> trigger =
        api.createdTrigger(
            workflowId,
            hook()
                .config("authType", "hmac")
                .config("signatureScheme", "github")
                .config("secret", chosen));

    String id = (String) trigger.get("id");
    assertThat(trigger).containsEntry("secret", chosen);
    Document stored = storedTrigger(id);
    Document config = stored.get("config", Document.class);
    assertThat(stored.toJson()).doesNotContain(chosen);
    assertThat(config)
        .doesNotContainKeys("secret", "secretHash")
        .containsEntry("keyId", testKey.keyId());
    assertThat(testKey.open(config.getString("secretEncrypted"), id)).isEqualTo(chosen);
    assertThat(config).containsEntry("authType", "hmac").containsEntry("method", "POST");
    assertSecretNeverReadAgain(api, workflowId, id, chosen);
  }

  @Test
  void standardWebhooksSecretIsGeneratedInTheWhsecForm() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("standard"));

    Map<String, Object> trigger =
        api.createdTrigger(
            workflowId, hook().config("authType", "hmac").config("signatureScheme", "standard"));

    assertThat((String) trigger.get("secret")).startsWith("whsec_");
    assertThat(WebhookConfig.SignatureScheme.isStandardSecret((String) trigger.get("secret")))
        .isTrue();
  }

  @Test
  void rotationShowsTheNewSecretOnceAndKeepsThePreviousFor24Hours() throws Exception {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("rotated"));
    Map<String, Object> trigger = api.createdTrigger(workflowId, hook().config("authType", "hmac"));
    String id = (String) trigger.get("id");
    String first = (String) trigger.get("secret");

    Map<String, Object> rotated =
        ApiClient.body(api.rotateSecret(workflowId, id).expectStatus().isOk());

    String second = (String) rotated.get("secret");
    assertThat(second).isNotBlank().isNotEqualTo(first);
    assertThat(rotated).containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + id);
    Document config = storedTrigger(id).get("config", Document.class);
    assertThat(testKey.open(config.getString("secretEncrypted"), id)).isEqualTo(second);
    assertThat(testKey.open(config.getString("previousSecretEncrypted"), id)).isEqualTo(first);
    Instant expires = config.get("previousSecretExpiresAt", Date.class).toInstant();
    assertThat(Duration.between(Instant.now(), expires))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
    assertSecretNeverReadAgain(api, workflowId, id, second);
    assertThat(storedTrigger(id).toJson()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  void unauthenticatedWebhookHasNoSecretToRotate() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("open"));
    String id = (String) api.createdTrigger(workflowId, hook()).get("id");

    api.rotateSecret(workflowId, id).expectStatus().isEqualTo(409);
  }

  @Test
  void updateKeepsTheSecretUnlessTheKindOfSecretChanges() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("updated"));
    Map<String, Object> trigger =
        api.createdTrigger(workflowId, hook().config("authType", "api_key"));
    String id = (String) trigger.get("id");
    String hash = storedTrigger(id).get("config", Document.class).getString("secretHash");

    Map<String, Object> renamed =
        put(api, workflowId, id, Map.of("authType", "api_key", "method", "PUT"));
    assertThat(renamed).doesNotContainKey("secret");
    assertThat(storedTrigger(id).get("config", Document.class))
        .containsEntry("secretHash", hash)
        .containsEntry("method", "PUT");

    Map<String, Object> bearer = put(api, workflowId, id, Map.of("authType", "bearer"));
    assertThat(bearer).doesNotContainKey("secret");
    assertThat(storedTrigger(id).get("config", Document.class)).containsEntry("secretHash", hash);

    Map<String, Object> hmac = put(api, workflowId, id, Map.of("authType", "hmac"));
    assertThat(hmac).containsKey("secret");
    assertThat(storedTrigger(id).get("config", Document.class))
        .doesNotContainKey("secretHash")
        .containsKey("secretEncrypted");

    put(api, workflowId, id, Map.of("authType", "none"));
    assertThat(storedTrigger(id).get("config", Document.class)).doesNotContainKey("secretHash");
  }

  @Test
  void callerChosenApiKeyIsRefused() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("chosen key"));

    api.createTrigger(
            workflowId,
            hook().named("k").config("authType", "api_key").config("secret", "1234567890abcdef"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.secret");
  }

  /** A webhook trigger with an empty config, for the test to fill in. */
  private static TriggerBody hook() {
    return TriggerBody.of("webhook");
  }

  private Map<String, Object> put(
      ApiClient api, String workflowId, String id, Map<String, Object> config) {
    return ApiClient.body(
        api.replaceTrigger(workflowId, id, hook().named("hook").config(config))
            .expectStatus()
            .isOk());
  }

  private void assertSecretNeverReadAgain(
      ApiClient api, String workflowId, String id, String secret) {
    for (String uri :
        List.of(
            "/api/workflows/" + workflowId + "/triggers/" + id,
            "/api/workflows/" + workflowId + "/triggers",
            "/api/triggers?workflowId=" + workflowId)) {
      String json =
          new String(
              api.http()
                  .get()
                  .uri(uri)
                  .exchange()
                  .expectStatus()
                  .isOk()
                  .expectBody()
                  .returnResult()
                  .getResponseBody());
      assertThat(json)
          .as(uri)
          .doesNotContain(secret)
          .doesNotContain("\"secret\"")
          .doesNotContain("secretHash")
          .doesNotContain("secretEncrypted")
          .contains("webhookUrl");
    }
  }
}
