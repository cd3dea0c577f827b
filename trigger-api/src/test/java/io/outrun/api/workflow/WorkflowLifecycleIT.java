package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiClient;
import io.outrun.api.ApiMetrics;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunBody;
import io.outrun.api.WorkflowBody;
import io.outrun.events.RunRequested;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;

/** Archive, pause, resume, undeploy, deployments and rollback. */
class WorkflowLifecycleIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Autowired MeterRegistry meters;

  @Test
  void deleteArchivesAndAnswersTheArchivedWorkflow() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("old"));
    deployTested(api, id, 1);

    for (int attempt = 0; attempt < 2; attempt++) { // DELETE is idempotent
      api.deleteWorkflow(id)
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
    api.getWorkflow(id).expectStatus().isOk();
  }

  @Test
  void archivedWorkflowCannotBeRunDeployedPausedResumedOrRolledBack() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("old"));
    deployTested(api, id, 1);
    api.deleteWorkflow(id).expectStatus().isOk();

    for (String action : List.of("runs", "deploy", "pause", "resume", "undeploy")) {
      api.lifecycle(id, action)
          .expectStatus()
          .isEqualTo(409)
          .expectBody()
          .jsonPath("$.detail")
          .value(detail -> assertThat((String) detail).as(action).contains("archived"));
    }
    api.rollback(id, 1).expectStatus().isEqualTo(409);
    api.startRun(id, RunBody.empty().test()).expectStatus().isEqualTo(409);
  }

  @Test
  void pauseResumeAndUndeployFollowTheStateMachine() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("lifecycle"));

    api.lifecycle(id, "pause")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("The workflow is draft; only an active workflow can be paused.");
    api.lifecycle(id, "resume").expectStatus().isEqualTo(409);
    api.lifecycle(id, "undeploy").expectStatus().isEqualTo(409);
    deployTested(api, id, 1);
    api.lifecycle(id, "resume")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("The workflow is active; only a paused workflow can be resumed.");

    api.lifecycle(id, "pause")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("paused")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1);
    assertThat(stored(id)).containsEntry("status", "paused");
    api.lifecycle(id, "pause")
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("is paused"));
    api.startRun(id, RunBody.empty()).expectStatus().isEqualTo(409);

    api.lifecycle(id, "resume")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1);

    api.lifecycle(id, "undeploy")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("draft")
        .jsonPath("$.deployedVersion")
        .isEmpty();
    assertThat(stored(id)).containsEntry("status", "draft").doesNotContainKey("deployedVersion");
    api.lifecycle(id, "undeploy").expectStatus().isEqualTo(409);
  }

  @Test
  void pausedWorkflowCanBeUndeployed() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("paused"));
    deployTested(api, id, 1);
    api.lifecycle(id, "pause").expectStatus().isOk();

    api.lifecycle(id, "undeploy")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("draft");
  }

  @Test
  void everyDeployIsListedNewestFirstWithWhoAndWhen() {
    ApiClient deployer = apiAs("alice", workspace);
    String id = deployer.createWorkflow(WorkflowBody.named("recorded"));
    Instant before = Instant.now().minusSeconds(1);
    deployTested(deployer, id, 1);
    ApiClient other = apiAs("bob", workspace);
    other.editWorkflow(id, WorkflowBody.named("v2").version(1)).expectStatus().isOk();
    deployTested(other, id, 2);

    other
        .deployments(id)
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    double rollbacksBefore = deploys("rollback");
    deployTested(api, id, 1);
    api.editWorkflow(id, WorkflowBody.named("v2").version(1)).expectStatus().isOk();
    String testRun = ApiClient.runId(api.startRun(id, RunBody.empty().test()));
    RunRequested testRequest = requestFor(testRun);
    assertThat(testRequest.test()).isTrue();
    assertThat(testRequest.workflowVersion()).isEqualTo(2);
    completeRun(testRun);
    api.lifecycle(id, "deploy")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.deployedVersion")
        .isEqualTo(2);

    api.rollback(id, 1)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active")
        .jsonPath("$.deployedVersion")
        .isEqualTo(1)
        .jsonPath("$.version")
        .isEqualTo(2);

    api.deployments(id)
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
    RunRequested manual = requestFor(api.startedRun(id, RunBody.empty()));
    assertThat(manual.workflowVersion()).isEqualTo(1);
    assertThat(manual.test()).isFalse();
    assertThat(deploys("rollback")).isEqualTo(rollbacksBefore + 1);
  }

  @Test
  void rollbackToAVersionNeverDeployedIsRefused() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    deployTested(api, id, 1);
    api.editWorkflow(id, WorkflowBody.named("v2").version(1)).expectStatus().isOk();

    for (int version : List.of(2, 7)) {
      api.rollback(id, version)
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    deployTested(api, id, 1);
    api.lifecycle(id, "undeploy").expectStatus().isOk();

    api.rollback(id, 1)
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));

    for (String body :
        List.of("{}", "{\"version\": 0}", "{\"version\": \"one\"}", "{\"version\":")) {
      api.http()
          .post()
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
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("counted"));
    double before = deploys("deploy");

    deployTested(api, id, 1);

    assertThat(deploys("deploy")).isEqualTo(before + 1);
  }

  private double deploys(String kind) {
    var counter = meters.find(ApiMetrics.DEPLOYS).tag(ApiMetrics.KIND, kind).counter();
    return counter == null ? 0 : counter.count();
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

  private Document stored(String id) {
    return mongo.findById(id, Document.class, "workflows").block(TIMEOUT);
  }
}
