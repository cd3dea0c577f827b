package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * {@code GET /api/runs/{id}/events} against the real MongoDB change stream: the runs are written
 * here as runner-service writes them (the run driven by the real runner is in local-stack's
 * EndToEndIT).
 */
class RunEventsIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Autowired RunChangeStore changes;
  @Autowired RunEventsProperties properties;

  @BeforeEach
  void changeStreamIsOpen() {
    // the shared stream opens asynchronously; keep it open for the test and wait until it is
    List<String> seen = new CopyOnWriteArrayList<>();
    Disposable held = changes.changedRunIds().subscribe(seen::add);
    String probe = insertRun(RunDocument.of("ws-probe", "wf-probe").status("running"));
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              touch(probe);
              return seen.contains(probe);
            });
    held.dispose(); // the stream lingers after its last subscriber left
  }

  @Test
  void runningRunSendsSnapshotThenEachChangeThenEnd() {
    ApiClient api = apiAs("u1", workspace);
    String runId = insertRun(RunDocument.of(workspace, "wf-1").status("running"));
    Map<String, Object> running = run(api, runId);
    List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();

    StepVerifier.create(api.runEventStream(runId).doOnNext(event -> sent.add(event.data())))
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("snapshot");
              assertThat(event.data())
                  .containsEntry("id", runId)
                  .containsEntry("status", "running");
            })
        .then(() -> appendStep(runId, "n1"))
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("run");
              assertThat(steps(event)).extracting(step -> step.get("nodeId")).containsExactly("n1");
            })
        .then(() -> finish(runId, "completed"))
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("run");
              assertThat(event.data()).containsEntry("status", "completed");
            })
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("end");
              assertThat(event.data()).containsEntry("runId", runId);
              assertThat(event.data()).containsEntry("status", "completed");
            })
        .expectComplete()
        .verify(TIMEOUT);
    // the data of snapshot and run events is the run exactly as GET /api/runs/{id} shows it
    assertThat(sent.get(0)).isEqualTo(running);
    assertThat(sent.get(2)).isEqualTo(run(api, runId));
  }

  @Test
  void finishedRunSendsSnapshotAndEndAtOnce() {
    ApiClient api = apiAs("u1", workspace);
    String runId = insertRun(RunDocument.of(workspace, "wf-1").status("failed").took(12));

    StepVerifier.create(api.runEventStream(runId).map(ServerSentEvent::event))
        .expectNext("snapshot", "end")
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void changeOfAFieldTheRunJsonDoesNotShowSendsNothing() {
    ApiClient api = apiAs("u1", workspace);
    String runId = insertRun(RunDocument.of(workspace, "wf-1").status("running"));

    StepVerifier.create(api.runEventStream(runId).map(ServerSentEvent::event))
        .expectNext("snapshot")
        .then(() -> touch(runId))
        .then(() -> finish(runId, "cancelled"))
        .expectNext("run", "end")
        .expectComplete()
        .verify(TIMEOUT);
  }

  @Test
  void runOfAnotherWorkspaceIsNotFound() {
    String runId = insertRun(RunDocument.of("ws-other-" + UUID.randomUUID(), "wf-1"));

    apiAs("u1", workspace)
        .runEvents(runId)
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType("application/problem+json")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
  }

  @Test
  void streamOverTheWorkspaceLimitIsRefusedWithTooManyRequests() {
    ApiClient api = apiAs("u1", workspace);
    String runId = insertRun(RunDocument.of(workspace, "wf-1").status("running"));
    List<Disposable> open = new ArrayList<>();
    List<String> snapshots = new CopyOnWriteArrayList<>();
    try {
      for (int i = 0; i < properties.maxStreamsPerWorkspace(); i++) {
        // read as text: the data of each event, no JSON decoding on the client's event loops
        open.add(
            api.runEvents(runId)
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseBody()
                .subscribe(snapshots::add));
      }
      await().atMost(TIMEOUT).until(() -> snapshots.size() == properties.maxStreamsPerWorkspace());

      api.runEvents(runId)
          .expectStatus()
          .isEqualTo(429)
          .expectHeader()
          .contentType("application/problem+json")
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(429);
      apiAs("u1", "ws-" + UUID.randomUUID()).runEvents("no-such-run").expectStatus().isNotFound();
    } finally {
      open.forEach(Disposable::dispose);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              StepVerifier.create(api.runEventStream(runId).map(ServerSentEvent::event).take(1))
                  .expectNext("snapshot")
                  .expectComplete()
                  .verify(TIMEOUT);
            });
  }

  private Map<String, Object> run(ApiClient api, String runId) {
    return ApiClient.body(api.getRun(runId).expectStatus().isOk());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(ServerSentEvent<Map<String, Object>> event) {
    return (List<Map<String, Object>>) event.data().get("steps");
  }

  private void appendStep(String runId, String nodeId) {
    Document step =
        new Document("nodeId", nodeId)
            .append("nodeType", "log")
            .append("status", "completed")
            .append("attempts", 1)
            .append("startedAt", Date.from(Instant.now()))
            .append("durationMs", 3L);
    update(runId, new Update().push("steps", step));
  }

  private void finish(String runId, String status) {
    update(
        runId,
        new Update()
            .set("status", status)
            .set("finishedAt", Date.from(Instant.now()))
            .set("durationMs", 5L));
  }

  /** A change to a field the run JSON does not show. */
  private void touch(String runId) {
    update(runId, new Update().inc("internalCounter", 1));
  }

  private void update(String runId, Update update) {
    mongo.updateFirst(Query.query(Criteria.where("_id").is(runId)), update, "runs").block(TIMEOUT);
  }
}
