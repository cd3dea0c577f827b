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
import reactor.core.publisher.Mono;

/** {@code POST /api/runs/{id}/rerun} against the in-process Kafka and MongoDB. */
class RunRerunIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void rerunOfAWebhookRunIsAManualRunOfTheSameVersionAndPayloadNamingTheOriginal() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("rerun"));
    deployTested(api, workflowId, 1);
    api.editWorkflow(workflowId, WorkflowBody.named("edited").version(1)).expectStatus().isOk();
    String original =
        insertRun(
            RunDocument.of(workspace, workflowId)
                .triggeredBy("webhook", "t-1", "/hooks/x")
                .payload(Map.of("lead", "ada", "a.b", Map.of("$gt", 3)))
                .status("failed"));

    String rerun = runId(apiAs("u2", workspace).rerun(original, null));

    assertThat(rerun).isNotEqualTo(original);
    RunRequested request = requestFor(rerun);
    assertThat(request.workflowId()).isEqualTo(workflowId);
    assertThat(request.workflowVersion()).isEqualTo(1);
    assertThat(request.test()).isFalse();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.MANUAL);
    assertThat(request.triggeredBy().source()).isEqualTo("user:u2");
    assertThat(request.triggeredBy().payload())
        .isEqualTo(Map.of("lead", "ada", "a.b", Map.of("$gt", 3)));
    api.getRun(rerun)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("queued")
        .jsonPath("$.workflowVersion")
        .isEqualTo(1)
        .jsonPath("$.test")
        .isEqualTo(false)
        .jsonPath("$.triggeredBy.type")
        .isEqualTo("manual")
        .jsonPath("$.triggeredBy.rerunOf")
        .isEqualTo(original)
        .jsonPath("$.triggeredBy.payload.lead")
        .isEqualTo("ada")
        .jsonPath("$.triggeredBy.payload['a.b']['$gt']")
        .isEqualTo(3);
  }

  @Test
  void rerunOfATestRunStaysATestRunOfThatVersion() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("test rerun"));
    api.editWorkflow(workflowId, WorkflowBody.named("v2").version(1)).expectStatus().isOk();
    api.editWorkflow(workflowId, WorkflowBody.named("v3").version(2)).expectStatus().isOk();
    String original =
        insertRun(RunDocument.of(workspace, workflowId).version(2).test().status("completed"));

    String rerun = runId(api.rerun(original, null));

    RunRequested request = requestFor(rerun);
    assertThat(request.workflowVersion()).isEqualTo(2);
    assertThat(request.test()).isTrue();
    assertThat(request.triggeredBy().payload()).isEmpty();
  }

  @Test
  void sameIdempotencyKeyNamesTheSameNewRun() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("idempotent rerun"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test().status("cancelled"));
    String other = insertRun(RunDocument.of(workspace, workflowId).test());

    String first = runId(api.rerun(original, "key-1"));
    String second = runId(api.rerun(original, "key-1"));
    String withoutKey = runId(api.rerun(original, null));
    String otherRun = runId(api.rerun(other, "key-1"));

    assertThat(second).isEqualTo(first);
    assertThat(withoutKey).isNotEqualTo(first);
    assertThat(otherRun).isNotEqualTo(first);
    api.getRun(first).expectBody().jsonPath("$.triggeredBy.rerunOf").isEqualTo(original);
  }

  @Test
  void runTheRunnerRecordedFirstStillNamesTheOriginal() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("runner first"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test());
    String rerun = runId(api.rerun(original, "k"));
    mongo
        .getCollection("runs")
        .flatMap(
            runs ->
                Mono.from(
                    runs.updateOne(
                        new Document("_id", rerun),
                        new Document(
                            "$set",
                            new Document("status", "completed")
                                .append(
                                    "triggeredBy",
                                    new Document("type", "manual").append("source", "user:u1"))))))
        .block(TIMEOUT);

    assertThat(runId(api.rerun(original, "k"))).isEqualTo(rerun);

    api.getRun(rerun)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("completed")
        .jsonPath("$.triggeredBy.rerunOf")
        .isEqualTo(original);
  }

  @Test
  void runThatHasNotEndedCannotBeRunAgain() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("not ended"));
    String queued = insertRun(RunDocument.of(workspace, workflowId).test().status("queued"));
    String running = insertRun(RunDocument.of(workspace, workflowId).test().status("running"));

    api.rerun(queued, null).expectStatus().isEqualTo(409);
    api.rerun(running, null).expectStatus().isEqualTo(409);
  }

  @Test
  void runOfAnArchivedWorkflowCannotBeRunAgain() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("archived"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test());
    api.deleteWorkflow(workflowId).expectStatus().isOk();

    api.rerun(original, null).expectStatus().isEqualTo(409);
  }

  @Test
  void unknownRunAndAnotherWorkspacesRunAreNotFound() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("isolated"));
    String original = insertRun(RunDocument.of(workspace, workflowId).test());

    api.rerun("nope", null).expectStatus().isNotFound();
    apiAs("u2", "ws-other-" + UUID.randomUUID()).rerun(original, "k").expectStatus().isNotFound();
  }
}
