package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

class WorkflowApiIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void createdWorkflowIsADraftAtVersionOneWithItsSnapshot() {
    WebTestClient api = as("u1", workspace);

    String id = createWorkflow(api, validWorkflow("Lead pipeline"));

    api.get()
        .uri("/api/workflows/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("Lead pipeline")
        .jsonPath("$.status")
        .isEqualTo("draft")
        .jsonPath("$.version")
        .isEqualTo(1)
        .jsonPath("$.deployedVersion")
        .isEmpty()
        .jsonPath("$.nodes[0].data.url")
        .isEqualTo("https://example.org/x")
        .jsonPath("$.edges[0].target")
        .isEqualTo("n2")
        .jsonPath("$.settings.timeoutMs")
        .isEqualTo(300000)
        .jsonPath("$.createdAt")
        .isNotEmpty();
    Document snapshot = mongo.findById(id + ":1", Document.class, "workflow_versions").block();
    assertThat(snapshot).containsEntry("workflowId", id).containsEntry("version", 1);
  }

  /** runner-service reads these documents raw: their shape is docs/ARCHITECTURE.md's. */
  @Test
  void storedNodesAndEdgesKeepTheEditorsIdField() {
    String id = createWorkflow(as("u1", workspace), validWorkflow("stored shape"));

    for (String collection : List.of("workflows", "workflow_versions")) {
      Document stored =
          mongo
              .findOne(
                  org.springframework.data.mongodb.core.query.Query.query(
                      org.springframework.data.mongodb.core.query.Criteria.where(
                              "workflows".equals(collection) ? "_id" : "workflowId")
                          .is(id)),
                  Document.class,
                  collection)
              .block();
      Document node = stored.getList("nodes", Document.class).getFirst();
      Document edge = stored.getList("edges", Document.class).getFirst();
      assertThat(node).as(collection).containsEntry("id", "n1").doesNotContainKey("_id");
      assertThat(edge).as(collection).containsKey("id").doesNotContainKey("_id");
    }
  }

  @Test
  void dataKeysWithDotsAreKept() {
    WebTestClient api = as("u1", workspace);
    Map<String, Object> node =
        Map.of(
            "id",
            "n1",
            "type",
            "log",
            "data",
            Map.of("message", "x", "fullDocument.status", "hot"));

    String id = createWorkflow(api, Map.of("name", "dots", "nodes", List.of(node)));

    api.get()
        .uri("/api/workflows/{id}", id)
        .exchange()
        .expectBody()
        .jsonPath("$.nodes[0].data['fullDocument.status']")
        .isEqualTo("hot");
  }

  @Test
  void listShowsOnlyTheWorkspacesWorkflowsNewestFirst() {
    WebTestClient api = as("u1", workspace);
    String first = createWorkflow(api, validWorkflow("first"));
    String second = createWorkflow(api, validWorkflow("second"));
    createWorkflow(as("u2", "ws-other-" + UUID.randomUUID()), validWorkflow("theirs"));

    api.get()
        .uri("/api/workflows")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2)
        .jsonPath("$[0].id")
        .isEqualTo(second)
        .jsonPath("$[1].id")
        .isEqualTo(first);
  }

  @Test
  void malformedJsonIs400Problem() {
    as("u1", workspace)
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"x\", \"nodes\": [")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).startsWith("Malformed JSON"));
  }

  @Test
  void wrongValueTypeIs400Problem() {
    as("u1", workspace)
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\": \"x\", \"nodes\": \"not a list\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("nodes").doesNotContain("io.outrun"));
  }

  @Test
  void missingNameAndNodeTypeAre400WithFieldErrors() {
    as("u1", workspace)
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("nodes", List.of(Map.of("id", "n1"))))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[?(@.field == 'name')]")
        .exists()
        .jsonPath("$.errors[?(@.field == 'nodes[0].type')]")
        .exists();
  }

  @Test
  void anotherWorkspacesWorkflowIsNotFoundEverywhere() {
    String theirs = createWorkflow(as("u2", "ws-other-" + UUID.randomUUID()), validWorkflow("x"));
    WebTestClient api = as("u1", workspace);

    api.get().uri("/api/workflows/{id}", theirs).exchange().expectStatus().isNotFound();
    api.post().uri("/api/workflows/{id}/runs", theirs).exchange().expectStatus().isNotFound();
    api.post().uri("/api/workflows/{id}/deploy", theirs).exchange().expectStatus().isNotFound();
    api.post()
        .uri("/api/workflows/{id}/triggers", theirs)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("type", "webhook", "name", "hook", "config", Map.of()))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
    api.get()
        .uri("/api/workflows")
        .exchange()
        .expectBody()
        .jsonPath("$[?(@.id == '" + theirs + "')]")
        .doesNotExist();
  }

  @Test
  void deployOfACycleIs400NamingTheNodes() {
    WebTestClient api = as("u1", workspace);
    Map<String, Object> cyclic =
        Map.of(
            "name",
            "loop",
            "nodes",
            List.of(
                Map.of("id", "a", "type", "log", "data", Map.of("message", "a")),
                Map.of("id", "b", "type", "transform", "data", Map.of("expression", "$$("))),
            "edges",
            List.of(
                Map.of("id", "e1", "source", "a", "target", "b"),
                Map.of("id", "e2", "source", "b", "target", "a")));
    String id = createWorkflow(api, cyclic);

    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[?(@.field == 'nodes[a]')].message")
        .isEqualTo(List.of("cycle: a -> b -> a"))
        .jsonPath("$.errors[?(@.field == 'nodes[b].data.expression')]")
        .exists();
  }

  @Test
  void deployNeedsACompletedTestRunOfTheCurrentVersion() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("gated"));
    insertTestRun(id, 1, "failed");

    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("test run"));

    insertTestRun(id, 1, "completed");

    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1)
        .jsonPath("$.deployedAt")
        .isNotEmpty();
  }

  @Test
  void archivedWorkflowCannotBeDeployed() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("old"));
    insertTestRun(id, 1, "completed");
    mongo
        .getCollection("workflows")
        .flatMap(
            workflows ->
                Mono.from(
                    workflows.updateOne(
                        new Document("_id", id),
                        new Document("$set", new Document("status", "archived")))))
        .block(TIMEOUT);

    api.post().uri("/api/workflows/{id}/deploy", id).exchange().expectStatus().isEqualTo(409);
  }

  /** What the runner records when a run ends. */
  private void insertTestRun(String workflowId, int version, String status) {
    Document run =
        new Document("_id", UUID.randomUUID().toString())
            .append("requestEventId", UUID.randomUUID().toString())
            .append("workspaceId", workspace)
            .append("workflowId", workflowId)
            .append("workflowVersion", version)
            .append("test", true)
            .append("status", status)
            .append("queuedAt", Date.from(Instant.now()));
    mongo.insert(run, "runs").block(TIMEOUT);
  }
}
