package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** {@code PUT /api/workflows/{id}}: each save is a new version; a stale version is a 409. */
class WorkflowEditIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @LocalServerPort int localPort;

  @Test
  void saveIncrementsVersionAndWritesItsSnapshot() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));

    put(api, id, edit("renamed", 1))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(2)
        .jsonPath("$.name")
        .isEqualTo("renamed")
        .jsonPath("$.status")
        .isEqualTo("draft");

    Document snapshot = snapshot(id, 2);
    assertThat(snapshot).containsEntry("name", "renamed").containsEntry("version", 2);
    assertThat(snapshot(id, 1)).containsEntry("name", "v1");
    for (Document stored :
        List.of(snapshot, mongo.findById(id, Document.class, "workflows").block(TIMEOUT))) {
      Document node = stored.getList("nodes", Document.class).getFirst();
      assertThat(node)
          .containsEntry("id", "n1")
          .doesNotContainKey("_id")
          .doesNotContainKey("_class");
      assertThat(stored.getList("edges", Document.class).getFirst()).containsEntry("id", "e1");
    }
  }

  @Test
  void staleVersionIs409NamingTheCurrentOne() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    put(api, id, edit("second", 1)).expectStatus().isOk();

    put(api, id, edit("from an old tab", 1))
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("stale").contains("version 2"));
    api.get()
        .uri("/api/workflows/{id}", id)
        .exchange()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("second");
  }

  @Test
  void ofConcurrentSavesOfTheSameVersionExactlyOneWins() {
    String id = createWorkflow(as("u1", workspace), validWorkflow("v1"));
    WebClient client =
        WebClient.builder()
            .baseUrl("http://localhost:" + localPort)
            .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token("u1", workspace))
            .build();

    List<Integer> statuses =
        Flux.range(0, 4)
            .flatMap(
                i ->
                    client
                        .put()
                        .uri("/api/workflows/{id}", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(edit("writer " + i, 1))
                        .exchangeToMono(
                            response -> response.releaseBody().thenReturn(response.statusCode()))
                        .map(HttpStatusCode::value),
                4)
            .collectList()
            .block(TIMEOUT);

    assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
    Document stored = mongo.findById(id, Document.class, "workflows").block(TIMEOUT);
    assertThat(stored.getInteger("version")).isEqualTo(2);
    assertThat(snapshot(id, 2).getString("name")).isEqualTo(stored.getString("name"));
  }

  @Test
  void editingAnActiveWorkflowKeepsItsDeployedVersionRunning() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    deployTested(api, id, 1);

    put(api, id, edit("v2 in progress", 1))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(2)
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1);

    assertThat(snapshot(id, 1)).containsEntry("name", "v1").containsEntry("version", 1);
    Document stored = mongo.findById(id, Document.class, "workflows").block(TIMEOUT);
    assertThat(stored).containsEntry("deployedVersion", 1).containsEntry("status", "active");
  }

  @Test
  void archivedWorkflowCannotBeEdited() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    api.delete().uri("/api/workflows/{id}", id).exchange().expectStatus().isOk();

    put(api, id, edit("too late", 1))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("archived"));
  }

  @Test
  void saveWithoutVersionIs400WithTheField() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    Map<String, Object> body = new HashMap<>(validWorkflow("no version"));

    put(api, id, body)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[?(@.field == 'version')]")
        .exists();
  }

  @Test
  void malformedOrMistypedSaveIs400Problem() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));

    for (String body :
        List.of(
            "{\"name\": \"x\", \"version\": ", "{\"name\": \"x\", \"version\": \"two\"}", "[]")) {
      api.put()
          .uri("/api/workflows/{id}", id)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  static Map<String, Object> edit(String name, int version) {
    Map<String, Object> body = new HashMap<>(validWorkflow(name));
    body.put("version", version);
    return body;
  }

  private WebTestClient.ResponseSpec put(WebTestClient api, String id, Map<String, Object> body) {
    return api.put()
        .uri("/api/workflows/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private Document snapshot(String id, int version) {
    return mongo.findById(id + ":" + version, Document.class, "workflow_versions").block(TIMEOUT);
  }

  private void deployTested(WebTestClient api, String id, int version) {
    mongo
        .insert(RunDocument.of(workspace, id).version(version).test().build(), "runs")
        .block(TIMEOUT);
    api.post().uri("/api/workflows/{id}/deploy", id).exchange().expectStatus().isOk();
  }
}
