package io.outrun.api.run;

import static io.outrun.api.ApiClient.runId;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunBody;
import io.outrun.api.WorkflowBody;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RunApiIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Autowired EventConsumers consumers;

  @Test
  void runOfADraftIsATestRunOfItsLatestVersionOnKafka() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("draft"));

    String runId = api.startedRun(workflowId, RunBody.input(Map.of("lead", "ada")));

    RunRequested request = requestFor(runId);
    assertThat(request.workflowId()).isEqualTo(workflowId);
    assertThat(request.workspaceId()).isEqualTo(workspace);
    assertThat(request.workflowVersion()).isEqualTo(1);
    assertThat(request.test()).isTrue();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.MANUAL);
    assertThat(request.triggeredBy().source()).isEqualTo("user:u1");
    assertThat(request.triggeredBy().payload()).isEqualTo(Map.of("lead", "ada"));
  }

  @Test
  void runRequestIsKeyedByWorkflowId() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("keyed"));

    String runId = api.startedRun(workflowId, RunBody.none());

    StepVerifier.create(
            consumers
                .create(
                    "trigger-api-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().runId().equals(runId))
                .next())
        .assertNext(delivery -> assertThat(delivery.event().key()).isEqualTo(workflowId))
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void runRequestSaysTriggerApiRecordsItsRunSoTheRunnersRecorderDoesNot() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("recorded here"));

    String runId = api.startedRun(workflowId, RunBody.none());

    assertThat(deliveryFor(runId).header(Topics.RUN_RECORDED_BY_HEADER)).contains("trigger-api");
    api.getRun(runId).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("queued");
  }

  @Test
  void acceptedRunCanBeLookedUpAtOnceAsQueued() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("visible"));

    String runId = api.startedRun(workflowId, RunBody.input(Map.of("lead", "ada")));

    api.getRun(runId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("queued")
        .jsonPath("$.test")
        .isEqualTo(true)
        .jsonPath("$.workflowVersion")
        .isEqualTo(1)
        .jsonPath("$.triggeredBy.type")
        .isEqualTo("manual")
        .jsonPath("$.triggeredBy.payload.lead")
        .isEqualTo("ada")
        .jsonPath("$.steps")
        .isEmpty()
        .jsonPath("$.queuedAt")
        .isNotEmpty();
  }

  @Test
  void inputWithKeysMongoCannotTakeIsAcceptedAndShownAsSent() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("hostile keys"));
    String input = "{\"input\":{\"\\u0000\":1,\"$set\":{\"x\":1},\"\":2,\"a.b\":{\"$gt\":3}}}";

    String runId =
        api.http()
            .post()
            .uri("/api/workflows/{id}/runs", workflowId)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(input)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId")
            .toString();

    @SuppressWarnings("unchecked")
    Map<String, ?> payload =
        (Map<String, ?>)
            ((Map<?, ?>)
                    api.getRun(runId)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("triggeredBy"))
                .get("payload");
    assertThat(payload.keySet()).containsExactly("\u0000", "$set", "", "a.b");
    assertThat(payload.get("a.b")).isEqualTo(Map.of("$gt", 3));
    Document stored = mongo.findById(runId, Document.class, "runs").block(TIMEOUT);
    assertThat(stored.get("triggeredBy", Document.class).get("payload", Document.class).keySet())
        .containsExactly("%00", "%24set", "%", "a%2Eb");
  }

  @Test
  void acceptingAgainNeverOverwritesWhatTheRunnerRecorded() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("no overwrite"));
    String runId = runId(api.startRun(workflowId, RunBody.none(), "same-key"));
    mongo
        .updateFirst(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(runId)),
            new org.springframework.data.mongodb.core.query.Update().set("status", "completed"),
            "runs")
        .block(TIMEOUT);

    assertThat(runId(api.startRun(workflowId, RunBody.none(), "same-key"))).isEqualTo(runId);

    api.getRun(runId).expectBody().jsonPath("$.status").isEqualTo("completed");
  }

  @Test
  void runsAcceptedTogetherAreAllRecordedThoughOneOfThemWasRecordedBefore() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("together"));
    String recorded = runId(api.startRun(workflowId, RunBody.none(), "key-0"));
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(recorded)),
            new Update().set("status", "completed"),
            "runs")
        .block(TIMEOUT);

    List<String> runIds;
    try (ExecutorService callers = Executors.newFixedThreadPool(24)) {
      List<CompletableFuture<String>> calls =
          IntStream.range(0, 24)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> runId(api.startRun(workflowId, RunBody.none(), "key-" + i)),
                          callers))
              .toList();
      runIds = calls.stream().map(CompletableFuture::join).toList();
    }

    assertThat(runIds).doesNotHaveDuplicates().contains(recorded);
    Map<String, String> statuses = new HashMap<>();
    mongo
        .find(Query.query(Criteria.where("_id").in(runIds)), Document.class, "runs")
        .doOnNext(run -> statuses.put(run.getString("_id"), run.getString("status")))
        .blockLast(TIMEOUT);
    assertThat(statuses).hasSize(24).containsEntry(recorded, "completed");
    assertThat(statuses.values()).filteredOn("queued"::equals).hasSize(23);
  }

  @Test
  void sameIdempotencyKeyNamesTheSameRun() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("idempotent"));

    String first = runId(api.startRun(workflowId, RunBody.none(), "key-1"));
    String second = runId(api.startRun(workflowId, RunBody.none(), "key-1"));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void runOfAnActiveWorkflowIsAManualRunOfTheDeployedVersion() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("active"));
    deployTested(api, workflowId, 1);

    String runId = api.startedRun(workflowId, RunBody.empty());

    RunRequested request = requestFor(runId);
    assertThat(request.test()).isFalse();
    assertThat(request.workflowVersion()).isEqualTo(1);
  }

  @Test
  void pausedWorkflowCannotBeRun() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("paused"));
    mongo
        .getCollection("workflows")
        .flatMap(
            c ->
                Mono.from(
                    c.updateOne(
                        new Document("_id", workflowId),
                        new Document("$set", new Document("status", "paused")))))
        .block(TIMEOUT);

    api.startRun(workflowId, RunBody.none()).expectStatus().isEqualTo(409);
  }

  @Test
  void runDocumentIsShownInTheContractShapeToItsWorkspaceOnly() {
    String runId = UUID.randomUUID().toString();
    Instant queued = Instant.parse("2026-03-08T07:00:00Z");
    Document run =
        new Document("_id", runId)
            .append("chainDepth", 0)
            .append(
                "triggeredBy",
                new Document("type", "manual")
                    .append("source", "user:u1")
                    .append("payload", new Document("a.b", 1)))
            .append(
                "steps",
                List.of(
                    new Document("nodeId", "n1")
                        .append("nodeType", "http_request")
                        .append("status", "completed")
                        .append("attempts", 1)
                        .append("startedAt", Date.from(queued.plusMillis(5)))
                        .append("durationMs", 12)
                        .append("output", new Document("status", 200))))
            .append(
                "usage",
                new Document("aiTokensUsed", 0)
                    .append("estimatedCost", 0.0)
                    .append("webhooksCalled", 0)
                    .append("httpRequests", 1))
            .append("queuedAt", Date.from(queued))
            .append("startedAt", Date.from(queued.plusMillis(1)))
            .append("finishedAt", Date.from(queued.plusMillis(41)))
            .append("durationMs", 40);
    insertRun(run, "wf-1", "completed");

    apiAs("u1", workspace)
        .getRun(runId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(runId)
        .jsonPath("$.workflowId")
        .isEqualTo("wf-1")
        .jsonPath("$.workflowVersion")
        .isEqualTo(1)
        .jsonPath("$.test")
        .isEqualTo(true)
        .jsonPath("$.status")
        .isEqualTo("completed")
        .jsonPath("$.triggeredBy.payload['a.b']")
        .isEqualTo(1)
        .jsonPath("$.steps[0].startedAt")
        .isEqualTo("2026-03-08T07:00:00.005Z")
        .jsonPath("$.usage.httpRequests")
        .isEqualTo(1)
        .jsonPath("$.queuedAt")
        .isEqualTo("2026-03-08T07:00:00Z")
        .jsonPath("$.finishedAt")
        .isEqualTo("2026-03-08T07:00:00.041Z")
        .jsonPath("$.durationMs")
        .isEqualTo(40)
        .jsonPath("$.error")
        .isEmpty()
        .jsonPath("$.workspaceId")
        .doesNotExist();
    apiAs("u2", "ws-other-" + UUID.randomUUID()).getRun(runId).expectStatus().isNotFound();
  }

  @Test
  void unknownRunIsNotFound() {
    apiAs("u1", workspace).getRun("nope").expectStatus().isNotFound();
  }

  /** A test run as the runner records it (version 1). */
  private void insertRun(Document run, String workflowId, String status) {
    run.append("requestEventId", UUID.randomUUID().toString())
        .append("workspaceId", workspace)
        .append("workflowId", workflowId)
        .append("workflowVersion", 1)
        .append("test", true)
        .append("status", status);
    mongo.insert(run, "runs").block(TIMEOUT);
  }
}
