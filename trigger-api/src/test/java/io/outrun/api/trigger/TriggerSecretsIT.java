package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.triggers.WebhookConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class TriggerSecretsIT extends TriggerItSupport {

  private final SecretCipher testKey =
      new SecretCipher(
          Base64.getDecoder().decode(ApiTestSupport.ENCRYPTION_KEY), new SecureRandom());

  @Test
  void apiKeyIsShownOnceAndStoredOnlyAsItsHash() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("keyed"));

    Map<String, Object> trigger =
        created(api, workflowId, "webhook", Map.of("authType", "api_key"));

    String id = (String) trigger.get("id");
    String secret = (String) trigger.get("secret");
    assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
    assertThat(trigger).containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + id);
    Document config = storedTrigger(id).get("config", Document.class);
    assertThat(config.getString("secretHash")).isEqualTo(WebhookSecrets.sha256Hex(secret));
    assertThat(storedTrigger(id).toJson()).doesNotContain(secret);
    assertSecretNeverReadAgain(api, workflowId, id, secret);
  }

  @Test
  void hmacSecretChosenByTheCallerIsStoredEncrypted() throws Exception {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("signed"));
    String chosen = "github-shared-secret-42";

    Map<String, Object> trigger =
        created(
            api,
            workflowId,
            "webhook",
            Map.of("authType", "hmac", "signatureScheme", "github", "secret", chosen));

    String id = (String) trigger.get("id");
    assertThat(trigger).containsEntry("secret", chosen);
    Document stored = storedTrigger(id);
    Document config = stored.get("config", Document.class);
    assertThat(stored.toJson()).doesNotContain(chosen);
    assertThat(config)
        .doesNotContainKeys("secret", "secretHash")
        .containsEntry("keyId", testKey.keyId());
    assertThat(testKey.decrypt(config.getString("secretEncrypted"), id)).isEqualTo(chosen);
    assertThat(config).containsEntry("authType", "hmac").containsEntry("method", "POST");
    assertSecretNeverReadAgain(api, workflowId, id, chosen);
  }

  @Test
  void standardWebhooksSecretIsGeneratedInTheWhsecForm() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("standard"));

    Map<String, Object> trigger =
        created(
            api, workflowId, "webhook", Map.of("authType", "hmac", "signatureScheme", "standard"));

    assertThat((String) trigger.get("secret")).startsWith("whsec_");
    assertThat(WebhookConfig.SignatureScheme.isStandardSecret((String) trigger.get("secret")))
        .isTrue();
  }

  @Test
  void rotationShowsTheNewSecretOnceAndKeepsThePreviousFor24Hours() throws Exception {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("rotated"));
    Map<String, Object> trigger = created(api, workflowId, "webhook", Map.of("authType", "hmac"));
    String id = (String) trigger.get("id");
    String first = (String) trigger.get("secret");

    Map<String, Object> rotated =
        body(
            api.post()
                .uri("/api/workflows/{wf}/triggers/{id}/rotate-secret", workflowId, id)
                .exchange()
                .expectStatus()
                .isOk());

    String second = (String) rotated.get("secret");
    assertThat(second).isNotBlank().isNotEqualTo(first);
    assertThat(rotated).containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + id);
    Document config = storedTrigger(id).get("config", Document.class);
    assertThat(testKey.decrypt(config.getString("secretEncrypted"), id)).isEqualTo(second);
    assertThat(testKey.decrypt(config.getString("previousSecretEncrypted"), id)).isEqualTo(first);
    Instant expires = config.get("previousSecretExpiresAt", Date.class).toInstant();
    assertThat(Duration.between(Instant.now(), expires))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
    assertSecretNeverReadAgain(api, workflowId, id, second);
    assertThat(storedTrigger(id).toJson()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  void unauthenticatedWebhookHasNoSecretToRotate() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("open"));
    String id = (String) created(api, workflowId, "webhook", Map.of()).get("id");

    api.post()
        .uri("/api/workflows/{wf}/triggers/{id}/rotate-secret", workflowId, id)
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  @Test
  void updateKeepsTheSecretUnlessTheKindOfSecretChanges() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("updated"));
    Map<String, Object> trigger =
        created(api, workflowId, "webhook", Map.of("authType", "api_key"));
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
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("chosen key"));

    create(
            api,
            workflowId,
            Map.of(
                "type",
                "webhook",
                "name",
                "k",
                "config",
                Map.of("authType", "api_key", "secret", "1234567890abcdef")))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.secret");
  }

  private Map<String, Object> put(
      WebTestClient api, String workflowId, String id, Map<String, Object> config) {
    return body(
        api.put()
            .uri("/api/workflows/{wf}/triggers/{id}", workflowId, id)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("type", "webhook", "name", "hook", "config", config))
            .exchange()
            .expectStatus()
            .isOk());
  }

  private void assertSecretNeverReadAgain(
      WebTestClient api, String workflowId, String id, String secret) {
    for (String uri :
        List.of(
            "/api/workflows/" + workflowId + "/triggers/" + id,
            "/api/workflows/" + workflowId + "/triggers",
            "/api/triggers?workflowId=" + workflowId)) {
      String json =
          new String(
              api.get()
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
