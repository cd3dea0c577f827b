package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** Settings the runner could not run are refused when a workflow is saved, naming each field. */
class WorkflowSettingsIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void createWithBadSettingsIs400NamingTheFieldsAndStoresNothing() {
    WebTestClient api = as("u1", workspace);
    Map<String, Object> body =
        withSettings(
            validWorkflow("bad settings"),
            Map.of(
                "timeoutMs",
                -1,
                "retryPolicy",
                Map.of("maxRetries", 3, "backoffStrategy", "sometimes")));

    api.post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.errors[?(@.field == 'settings.timeoutMs')].message")
        .isEqualTo(List.of("must be a whole number from 1 to 86400000"))
        .jsonPath("$.errors[?(@.field == 'settings.retryPolicy.backoffStrategy')].message")
        .isEqualTo(List.of("must be one of fixed, exponential"))
        .jsonPath("$.errors.length()")
        .isEqualTo(2);

    assertThat(
            mongo
                .count(
                    org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("workspaceId")
                            .is(workspace)),
                    "workflows")
                .block(TIMEOUT))
        .isZero();
  }

  @Test
  void createWithABadNodeRetryOverrideIs400() {
    Map<String, Object> body = new HashMap<>(validWorkflow("bad node retry"));
    body.put(
        "nodes",
        List.of(
            Map.of(
                "id",
                "n1",
                "type",
                "http_request",
                "data",
                Map.of("url", "https://example.org", "retry", Map.of("jitter", "lots")))));
    body.put("edges", List.of());

    as("u1", workspace)
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[n1].data.retry.jitter");
  }

  @Test
  void goodSettingsAreStoredAsGivenIncludingUnknownKeys() {
    WebTestClient api = as("u1", workspace);
    Map<String, Object> settings =
        Map.of(
            "timeoutMs",
            60_000,
            "concurrency",
            5,
            "retryPolicy",
            Map.of(
                "maxRetries", 2,
                "backoffStrategy", "exponential",
                "initialDelayMs", 500,
                "maxDelayMs", 5000,
                "jitter", "equal"),
            "budget",
            Map.of("maxTokensPerRun", 20_000),
            "editorTheme",
            "dark");

    String id = createWorkflow(api, withSettings(validWorkflow("good settings"), settings));

    Document stored = mongo.findById(id + ":1", Document.class, "workflow_versions").block(TIMEOUT);
    assertThat(stored.get("settings", Document.class))
        .containsEntry("concurrency", 5)
        .containsEntry("editorTheme", "dark");
  }

  @Test
  void editWithBadSettingsIs400AndKeepsTheVersion() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("edited"));
    Map<String, Object> edit =
        withSettings(validWorkflow("edited"), Map.of("concurrency", 0, "budget", 100));
    edit.put("version", 1);

    put(api, id, edit)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .isEqualTo(List.of("settings.concurrency", "settings.budget"));

    api.get()
        .uri("/api/workflows/{id}", id)
        .exchange()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1);
    edit.put("settings", Map.of("concurrency", 1, "budget", Map.of("maxTokensPerRun", 100)));
    put(api, id, edit).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
  }

  @Test
  void deployRefusesBadSettingsStoredBeforeSavesCheckedThem() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("legacy"));
    mongo
        .getCollection("workflows")
        .flatMap(
            workflows ->
                Mono.from(
                    workflows.updateOne(
                        new Document("_id", id),
                        new Document("$set", new Document("settings.concurrency", 0)))))
        .block(TIMEOUT);

    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .isEqualTo(List.of("settings.concurrency"));
  }

  private static Map<String, Object> withSettings(
      Map<String, Object> workflow, Map<String, Object> settings) {
    Map<String, Object> body = new HashMap<>(workflow);
    body.put("settings", settings);
    return body;
  }

  private static WebTestClient.ResponseSpec put(
      WebTestClient api, String id, Map<String, Object> body) {
    return api.put()
        .uri("/api/workflows/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }
}
