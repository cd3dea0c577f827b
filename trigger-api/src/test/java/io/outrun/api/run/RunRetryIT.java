package io.outrun.api.run;

import static io.outrun.api.ApiClient.runId;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import io.outrun.api.WorkflowBody;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code POST /api/runs/{id}/retry} against the in-process Kafka and MongoDB. */
class RunRetryIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void retryOfAFailedRunIsAManualRunOfTheSameVersionAndPayloadNamingTheOriginal() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("retry"));
    deployTested(api, workflowId, 1);
    api.editWorkflow(workflowId, WorkflowBody.named("edited").version(1)).expectStatus().isOk();
    String original =
        insertRun(
            RunDocument.of(workspace, workflowId)
                .triggeredBy("webhook", "t-1", "/hooks/x")
                .payload(Map.of("lead", "ada", "a.b", Map.of("$gt", 3)))
                .status("failed"));
    Document before = runDocument(original);

    String retry = runId(apiAs("u2", workspace).retry(original, null));

    assertThat(retry).isNotEqualTo(original);
    RunRequested request = requestFor(retry);
    assertThat(request.retryOf()).isEqualTo(original);
    assertThat(request.workflowId()).isEqualTo(workflowId);
    assertThat(request.workflowVersion()).isEqualTo(1);
    assertThat(request.test()).isFalse();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.MANUAL);
    assertThat(request.triggeredBy().source()).isEqualTo("user:u2");
    assertThat(request.triggeredBy().payload())
        .isEqualTo(Map.of("lead", "ada", "a.b", Map.of("$gt", 3)));
    api.getRun(retry)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("queued")
        .jsonPath("$.workflowVersion")
        .isEqualTo(1)
        .jsonPath("$.triggeredBy.retryOf")
        .isEqualTo(original)
        .jsonPath("$.triggeredBy.rerunOf")
        .doesNotExist();
    assertThat(runDocument(original)).isEqualTo(before);
  }

  @Test
  void retryOfACancelledTestRunStaysATestRunOfThatVersion() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("test retry"));
    api.editWorkflow(workflowId, WorkflowBody.named("v2").version(1)).expectStatus().isOk();
    String original =
        insertRun(RunDocument.of(workspace, workflowId).version(1).test().status("cancelled"));

    RunRequested request = requestFor(runId(api.retry(original, null)));

    assertThat(request.workflowVersion()).isEqualTo(1);
    assertThat(request.test()).isTrue();
    assertThat(request.retryOf()).isEqualTo(original);
  }

  @Test
  void sameIdempotencyKeyNamesTheSameNewRunAndARerunWithItIsAnother() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("idempotent retry"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test().status("failed"));

    String first = runId(api.retry(original, "key-1"));
    String second = runId(api.retry(original, "key-1"));
    String withoutKey = runId(api.retry(original, null));
    String rerun = runId(api.rerun(original, "key-1"));

    assertThat(second).isEqualTo(first);
    assertThat(withoutKey).isNotEqualTo(first);
    assertThat(rerun).isNotEqualTo(first);
    api.getRun(first).expectBody().jsonPath("$.triggeredBy.retryOf").isEqualTo(original);
  }

  @Test
  void aRunThatIsRunningOrCompletedCannotBeRetried() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("not retryable"));
    for (String status : new String[] {"queued", "running", "completed"}) {
      String run = insertRun(RunDocument.of(workspace, workflowId).test().status(status));

      api.retry(run, "k")
          .expectStatus()
          .isEqualTo(409)
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(409)
          .jsonPath("$.detail")
          .isEqualTo("The run is " + status + "; only a failed or cancelled run can be retried.");
    }
  }

  @Test
  void runOfAnArchivedWorkflowCannotBeRetried() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("archived"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test().status("failed"));
    api.deleteWorkflow(workflowId).expectStatus().isOk();

    api.retry(original, null).expectStatus().isEqualTo(409);
  }

  @Test
  void unknownRunAndAnotherWorkspacesRunAreNotFound() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("isolated"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test().status("failed"));

    api.retry("nope", null).expectStatus().isNotFound();
    apiAs("u2", "ws-other-" + UUID.randomUUID())
        .retry(original, "k")
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private Document runDocument(String runId) {
    return mongo.findById(runId, Document.class, "runs").block(TIMEOUT);
  }
}
