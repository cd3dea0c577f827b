package io.outrun.api.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class SecretsApiIT extends ApiTestSupport {

  private static final String VALUE = "sk-live-" + UUID.randomUUID();

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void putStoresTheValueEncryptedAndNeverAnswersIt() {
    WebTestClient api = as("alice", workspace);

    String created =
        put(api, "API_TOKEN", VALUE)
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String listed =
        api.get()
            .uri("/api/secrets")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(created)
        .contains("\"name\":\"API_TOKEN\"", "\"createdBy\":\"alice\"")
        .doesNotContain(VALUE);
    assertThat(listed)
        .contains("API_TOKEN", "alice", "createdAt", "updatedAt")
        .doesNotContain(VALUE)
        .doesNotContain("valueEncrypted");
    Document stored =
        mongo.findById(workspace + ":API_TOKEN", Document.class, "secrets").block(TIMEOUT);
    assertThat(stored.toJson()).doesNotContain(VALUE);
    assertThat(stored.getString("valueEncrypted")).isNotBlank();
    assertThat(stored.getString("keyId")).startsWith("k-");
    assertThat(stored.getString("workspaceId")).isEqualTo(workspace);
  }

  @Test
  void putAgainReplacesTheValueAndRecordsWhoUpdated() {
    put(as("alice", workspace), "TOKEN", "one").expectStatus().isCreated();
    String first = ciphertext("TOKEN");

    put(as("bob", workspace), "TOKEN", "two")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.createdBy")
        .isEqualTo("alice")
        .jsonPath("$.updatedBy")
        .isEqualTo("bob");

    assertThat(ciphertext("TOKEN")).isNotEqualTo(first);
  }

  @Test
  void listShowsOnlyTheCallersWorkspaceByName() {
    put(as("alice", workspace), "B_SECRET", "b").expectStatus().isCreated();
    put(as("alice", workspace), "A_SECRET", "a").expectStatus().isCreated();
    put(as("eve", "other-" + workspace), "EVE_ONLY", "e").expectStatus().isCreated();

    as("alice", workspace)
        .get()
        .uri("/api/secrets")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2)
        .jsonPath("$[0].name")
        .isEqualTo("A_SECRET")
        .jsonPath("$[1].name")
        .isEqualTo("B_SECRET");
  }

  @Test
  void anotherWorkspaceCannotDeleteOrOverwriteASecret() {
    put(as("alice", workspace), "SHARED_NAME", "mine").expectStatus().isCreated();
    String mine = ciphertext("SHARED_NAME");
    WebTestClient eve = as("eve", "other-" + workspace);

    eve.delete().uri("/api/secrets/SHARED_NAME").exchange().expectStatus().isNotFound();
    put(eve, "SHARED_NAME", "hers").expectStatus().isCreated();

    assertThat(ciphertext("SHARED_NAME")).isEqualTo(mine);
  }

  @Test
  void deleteRemovesTheSecretThenAnswers404() {
    WebTestClient api = as("alice", workspace);
    put(api, "GONE", "x").expectStatus().isCreated();

    api.delete().uri("/api/secrets/GONE").exchange().expectStatus().isNoContent();
    api.delete().uri("/api/secrets/GONE").exchange().expectStatus().isNotFound();
    api.get().uri("/api/secrets").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
  }

  @Test
  void badNamesAndValuesAre400Problems() {
    WebTestClient api = as("alice", workspace);
    for (String name : List.of("2FA", "a-b", "$where", "a.b", "x".repeat(129))) {
      put(api, name, "v")
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("name");
    }
    put(api, "a\u0000b", "v").expectStatus().isBadRequest();
    put(api, "EMPTY", "")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("value");
    put(api, "HUGE", "v".repeat(65_537))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("value");
    api.put()
        .uri("/api/secrets/NUMBER")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"value\": 12}")
        .exchange()
        .expectStatus()
        .isBadRequest();
    api.put()
        .uri("/api/secrets/NONE")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isBadRequest();
    api.get().uri("/api/secrets").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
  }

  @Test
  void secretsNeedAToken() {
    client().get().uri("/api/secrets").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void deployNamingAMissingSecretIsRefusedWithTheNodeAndTheName() {
    WebTestClient api = as("alice", workspace);
    String id = createWorkflow(api, workflowUsing("{{ $secrets.MISSING_TOKEN }}"));
    testRunCompleted(id);

    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[fetch].data")
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("MISSING_TOKEN"));

    put(api, "MISSING_TOKEN", VALUE).expectStatus().isCreated();
    api.post().uri("/api/workflows/{id}/deploy", id).exchange().expectStatus().isOk();
  }

  @Test
  void aSecretOfAnotherWorkspaceDoesNotSatisfyADeploy() {
    put(as("eve", "other-" + workspace), "EVES_TOKEN", "e").expectStatus().isCreated();
    WebTestClient api = as("alice", workspace);
    String id = createWorkflow(api, workflowUsing("{{ $secrets.EVES_TOKEN }}"));
    testRunCompleted(id);

    api.post().uri("/api/workflows/{id}/deploy", id).exchange().expectStatus().isBadRequest();
  }

  @Test
  void deployRefusesExpressionsOverSecrets() {
    WebTestClient api = as("alice", workspace);
    put(api, "T", "v").expectStatus().isCreated();
    String id = createWorkflow(api, workflowUsing("{{ $uppercase($secrets.T) }}"));
    testRunCompleted(id);

    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .value(m -> assertThat((String) m).contains("{{ $secrets.NAME }}"));
  }

  private void testRunCompleted(String workflowId) {
    mongo
        .insert(RunDocument.of(workspace, workflowId).version(1).test().build(), "runs")
        .block(TIMEOUT);
  }

  private static Map<String, Object> workflowUsing(String authorization) {
    return Map.of(
        "name", "uses a secret",
        "nodes",
            List.of(
                Map.of(
                    "id",
                    "fetch",
                    "type",
                    "http_request",
                    "position",
                    Map.of("x", 0, "y", 0),
                    "data",
                    Map.of(
                        "method",
                        "GET",
                        "url",
                        "https://example.org/x",
                        "headers",
                        Map.of("Authorization", "Bearer " + authorization)))),
        "edges", List.of());
  }

  private String ciphertext(String name) {
    return mongo
        .findById(workspace + ":" + name, Document.class, "secrets")
        .block(TIMEOUT)
        .getString("valueEncrypted");
  }

  private static WebTestClient.ResponseSpec put(WebTestClient api, String name, String value) {
    return api.put()
        .uri("/api/secrets/{name}", name)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("value", value))
        .exchange();
  }
}
