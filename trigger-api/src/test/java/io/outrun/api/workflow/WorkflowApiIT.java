package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunBody;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

class WorkflowApiIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void createdWorkflowIsADraftAtVersionOneWithItsSnapshot() {
    ApiClient api = apiAs("u1", workspace);

    String id = api.createWorkflow(WorkflowBody.named("Lead pipeline"));

    api.getWorkflow(id)
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
    String id = apiAs("u1", workspace).createWorkflow(WorkflowBody.named("stored shape"));

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
    ApiClient api = apiAs("u1", workspace);

    String id =
        api.createWorkflow(
            WorkflowBody.empty("dots")
                .node("n1", "log", Map.of("message", "x", "fullDocument.status", "hot")));

    api.getWorkflow(id)
        .expectBody()
        .jsonPath("$.nodes[0].data['fullDocument.status']")
        .isEqualTo("hot");
  }

  @Test
  void listShowsOnlyTheWorkspacesWorkflowsNewestFirst() {
    ApiClient api = apiAs("u1", workspace);
    String first = api.createWorkflow(WorkflowBody.named("first"));
    String second = api.createWorkflow(WorkflowBody.named("second"));
    apiAs("u2", "ws-other-" + UUID.randomUUID()).createWorkflow(WorkflowBody.named("theirs"));

    api.http()
        .get()
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
    String theirs =
        apiAs("u2", "ws-other-" + UUID.randomUUID()).createWorkflow(WorkflowBody.named("x"));
    ApiClient api = apiAs("u1", workspace);

    api.getWorkflow(theirs).expectStatus().isNotFound();
    api.startRun(theirs, RunBody.none()).expectStatus().isNotFound();
    api.lifecycle(theirs, "deploy").expectStatus().isNotFound();
    api.createTrigger(theirs, TriggerBody.of("webhook").named("hook"))
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
    api.http()
        .get()
        .uri("/api/workflows")
        .exchange()
        .expectBody()
        .jsonPath("$[?(@.id == '" + theirs + "')]")
        .doesNotExist();
  }

  @Test
  void deployOfACycleIs400NamingTheNodes() {
    ApiClient api = apiAs("u1", workspace);
    String id =
        api.createWorkflow(
            WorkflowBody.empty("loop")
                .node("a", "log", Map.of("message", "a"))
                .node("b", "transform", Map.of("expression", "$$("))
                .edge("e1", "a", "b")
                .edge("e2", "b", "a"));

    api.lifecycle(id, "deploy")
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("gated"));
    insertTestRun(id, 1, "failed");

    api.lifecycle(id, "deploy")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("test run"));

    insertTestRun(id, 1, "completed");

    api.lifecycle(id, "deploy")
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("old"));
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

    api.lifecycle(id, "deploy").expectStatus().isEqualTo(409);
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
