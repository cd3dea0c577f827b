package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.WorkflowBody;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** {@code PUT /api/workflows/{id}}: each save is a new version; a stale version is a 409. */
class WorkflowEditIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @LocalServerPort int localPort;

  @Test
  void saveIncrementsVersionAndWritesItsSnapshot() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));

    api.editWorkflow(id, WorkflowBody.named("renamed").version(1))
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    api.editWorkflow(id, WorkflowBody.named("second").version(1)).expectStatus().isOk();

    api.editWorkflow(id, WorkflowBody.named("from an old tab").version(1))
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("stale").contains("version 2"));
    api.getWorkflow(id).expectBody().jsonPath("$.name").isEqualTo("second");
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
                        .bodyValue(WorkflowBody.named("writer " + i).version(1).build())
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    deployTested(api, id, 1);

    api.editWorkflow(id, WorkflowBody.named("v2 in progress").version(1))
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    api.deleteWorkflow(id).expectStatus().isOk();

    api.editWorkflow(id, WorkflowBody.named("too late").version(1))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("archived"));
  }

  @Test
  void saveWithoutVersionIs400WithTheField() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    api.editWorkflow(id, WorkflowBody.named("no version"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[?(@.field == 'version')]")
        .exists();
  }

  @Test
  void malformedOrMistypedSaveIs400Problem() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));

    for (String body :
        List.of(
            "{\"name\": \"x\", \"version\": ", "{\"name\": \"x\", \"version\": \"two\"}", "[]")) {
      api.http()
          .put()
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

  private Document snapshot(String id, int version) {
    return mongo.findById(id + ":" + version, Document.class, "workflow_versions").block(TIMEOUT);
  }
}
