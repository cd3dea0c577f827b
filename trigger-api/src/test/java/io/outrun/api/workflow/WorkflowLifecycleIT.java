package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Archive, pause, resume, undeploy, deployments and rollback. */
class WorkflowLifecycleIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Autowired EventConsumers consumers;
  @Autowired MeterRegistry meters;

  @Test
  void deleteArchivesAndAnswersTheArchivedWorkflow() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("old"));
    deployTested(api, id, 1);

    for (int attempt = 0; attempt < 2; attempt++) { // DELETE is idempotent
      api.delete()
          .uri("/api/workflows/{id}", id)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.id")
          .isEqualTo(id)
          .jsonPath("$.status")
          .isEqualTo("archived");
    }

    assertThat(mongo.findById(id, Document.class, "workflows").block(TIMEOUT))
        .containsEntry("status", "archived");
    api.get().uri("/api/workflows/{id}", id).exchange().expectStatus().isOk();
  }

  @Test
  void archivedWorkflowCannotBeRunDeployedPausedResumedOrRolledBack() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("old"));
    deployTested(api, id, 1);
    api.delete().uri("/api/workflows/{id}", id).exchange().expectStatus().isOk();

    for (String action : List.of("runs", "deploy", "pause", "resume", "undeploy")) {
      api.post()
          .uri("/api/workflows/{id}/" + action, id)
          .exchange()
          .expectStatus()
          .isEqualTo(409)
          .expectBody()
          .jsonPath("$.detail")
          .value(detail -> assertThat((String) detail).as(action).contains("archived"));
    }
    rollback(api, id, 1).expectStatus().isEqualTo(409);
    startRun(api, id, Map.of("test", true)).expectStatus().isEqualTo(409);
  }

  @Test
  void pauseResumeAndUndeployFollowTheStateMachine() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("lifecycle"));

    action(api, id, "pause")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("The workflow is draft; only an active workflow can be paused.");
    action(api, id, "resume").expectStatus().isEqualTo(409);
    action(api, id, "undeploy").expectStatus().isEqualTo(409);
    deployTested(api, id, 1);
    action(api, id, "resume")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("The workflow is active; only a paused workflow can be resumed.");

    action(api, id, "pause")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("paused")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1);
    assertThat(stored(id)).containsEntry("status", "paused");
    action(api, id, "pause")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("is paused"));
    startRun(api, id, Map.of()).expectStatus().isEqualTo(409);

    action(api, id, "resume")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1);

    action(api, id, "undeploy")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("draft")
        .jsonPath("$.deployedVersion")
        .isEmpty();
    assertThat(stored(id)).containsEntry("status", "draft").doesNotContainKey("deployedVersion");
    action(api, id, "undeploy").expectStatus().isEqualTo(409);
  }

  @Test
  void pausedWorkflowCanBeUndeployed() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("paused"));
    deployTested(api, id, 1);
    action(api, id, "pause").expectStatus().isOk();

    action(api, id, "undeploy")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("draft");
  }

  @Test
  void everyDeployIsListedNewestFirstWithWhoAndWhen() {
    WebTestClient deployer = as("alice", workspace);
    String id = createWorkflow(deployer, validWorkflow("recorded"));
    Instant before = Instant.now().minusSeconds(1);
    deployTested(deployer, id, 1);
    WebTestClient other = as("bob", workspace);
    put(other, id, WorkflowEditIT.edit("v2", 1));
    deployTested(other, id, 2);

    other
        .get()
        .uri("/api/workflows/{id}/deployments", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2)
        .jsonPath("$[0].version")
        .isEqualTo(2)
        .jsonPath("$[0].kind")
        .isEqualTo("deploy")
        .jsonPath("$[0].deployedBy")
        .isEqualTo("bob")
        .jsonPath("$[1].version")
        .isEqualTo(1)
        .jsonPath("$[1].deployedBy")
        .isEqualTo("alice")
        .jsonPath("$[1].workflowId")
        .isEqualTo(id)
        .jsonPath("$[1].deployedAt")
        .value(at -> assertThat(Instant.parse((String) at)).isAfter(before));
  }

  @Test
  void rollbackRunsTheEarlierVersionWithoutTouchingTheEditedOne() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    double rollbacksBefore = deploys("rollback");
    deployTested(api, id, 1);
    put(api, id, WorkflowEditIT.edit("v2", 1));
    String testRun = runId(startRun(api, id, Map.of("test", true)));
    RunRequested testRequest = requestFor(testRun);
    assertThat(testRequest.test()).isTrue();
    assertThat(testRequest.workflowVersion()).isEqualTo(2);
    completeRun(testRun);
    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.deployedVersion")
        .isEqualTo(2);

    rollback(api, id, 1)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1)
        .jsonPath("$.version")
        .isEqualTo(2);

    api.get()
        .uri("/api/workflows/{id}/deployments", id)
        .exchange()
        .expectBody()
        .jsonPath("$[0].kind")
        .isEqualTo("rollback")
        .jsonPath("$[0].version")
        .isEqualTo(1)
        .jsonPath("$[0].deployedBy")
        .isEqualTo("u1")
        .jsonPath("$[1].version")
        .isEqualTo(2)
        .jsonPath("$[2].version")
        .isEqualTo(1);
    RunRequested manual = requestFor(runId(startRun(api, id, Map.of())));
    assertThat(manual.workflowVersion()).isEqualTo(1);
    assertThat(manual.test()).isFalse();
    assertThat(deploys("rollback")).isEqualTo(rollbacksBefore + 1);
  }

  @Test
  void rollbackToAVersionNeverDeployedIsRefused() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    deployTested(api, id, 1);
    put(api, id, WorkflowEditIT.edit("v2", 1));

    for (int version : List.of(2, 7)) {
      rollback(api, id, version)
          .expectStatus()
          .isEqualTo(409)
          .expectBody()
          .jsonPath("$.detail")
          .value(detail -> assertThat((String) detail).contains("never deployed"));
    }
    assertThat(stored(id)).containsEntry("deployedVersion", 1);
  }

  @Test
  void rollbackOfAnUndeployedWorkflowMakesItActiveAgain() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));
    deployTested(api, id, 1);
    action(api, id, "undeploy").expectStatus().isOk();

    rollback(api, id, 1)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1);
  }

  @Test
  void rollbackNeedsAPositiveVersion() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("v1"));

    for (String body :
        List.of("{}", "{\"version\": 0}", "{\"version\": \"one\"}", "{\"version\":")) {
      api.post()
          .uri("/api/workflows/{id}/rollback", id)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void deploysAreCountedByKind() {
    WebTestClient api = as("u1", workspace);
    String id = createWorkflow(api, validWorkflow("counted"));
    double before = deploys("deploy");

    deployTested(api, id, 1);

    assertThat(deploys("deploy")).isEqualTo(before + 1);
  }

  private double deploys(String kind) {
    var counter = meters.find(ApiMetrics.DEPLOYS).tag(ApiMetrics.KIND, kind).counter();
    return counter == null ? 0 : counter.count();
  }

  private WebTestClient.ResponseSpec action(WebTestClient api, String id, String action) {
    return api.post().uri("/api/workflows/{id}/" + action, id).exchange();
  }

  private WebTestClient.ResponseSpec rollback(WebTestClient api, String id, int version) {
    return api.post()
        .uri("/api/workflows/{id}/rollback", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("version", version))
        .exchange();
  }

  private static void put(WebTestClient api, String id, Map<String, Object> body) {
    api.put()
        .uri("/api/workflows/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private static WebTestClient.ResponseSpec startRun(
      WebTestClient api, String id, Map<String, Object> body) {
    return api.post()
        .uri("/api/workflows/{id}/runs", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private static String runId(WebTestClient.ResponseSpec accepted) {
    return accepted
        .expectStatus()
        .isAccepted()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody()
        .get("runId")
        .toString();
  }

  /** What the runner records when the run succeeds. */
  private void completeRun(String runId) {
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(runId)),
            new Update().set("status", "completed"),
            "runs")
        .block(TIMEOUT);
  }

  private RunRequested requestFor(String runId) {
    return consumers
        .create("trigger-api-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
        .receive()
        .filter(delivery -> delivery.event().runId().equals(runId))
        .next()
        .block(TIMEOUT)
        .event();
  }

  private Document stored(String id) {
    return mongo.findById(id, Document.class, "workflows").block(TIMEOUT);
  }

  /** Records a completed test run of {@code version} (the deploy gate), then deploys it. */
  private void deployTested(WebTestClient api, String id, int version) {
    mongo
        .insert(RunDocument.of(workspace, id).version(version).test().build(), "runs")
        .block(TIMEOUT);
    api.post()
        .uri("/api/workflows/{id}/deploy", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.deployedVersion")
        .isEqualTo(version);
  }
}
