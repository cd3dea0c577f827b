package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunDocument;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** A workflow's run history and stats, and cancelling runs. */
class RunHistoryIT extends ApiTestSupport {

  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
      new ParameterizedTypeReference<>() {};
  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void historyIsNewestFirstInTheRunShape() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("history"));
    List<String> newestFirst = insertRuns(workflowId, 3);
    insertRun(RunDocument.of(workspace, "another-workflow").queuedAt(T0.plusSeconds(99)));

    api.runHistory(workflowId, "")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(3)
        .jsonPath("$[0].id")
        .isEqualTo(newestFirst.get(0))
        .jsonPath("$[1].id")
        .isEqualTo(newestFirst.get(1))
        .jsonPath("$[2].id")
        .isEqualTo(newestFirst.get(2))
        .jsonPath("$[0].workflowId")
        .isEqualTo(workflowId)
        .jsonPath("$[0].queuedAt")
        .isEqualTo("2026-03-08T07:00:02Z")
        .jsonPath("$[0].triggeredBy.type")
        .isEqualTo("manual")
        .jsonPath("$[0].workspaceId")
        .doesNotExist();
  }

  @Test
  void historyPagesByLimitAndCursor() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("paged"));
    List<String> newestFirst = insertRuns(workflowId, 5);

    List<String> seen = new ArrayList<>();
    String next = "/api/workflows/" + workflowId + "/runs?limit=2";
    while (next != null) {
      EntityExchangeResult<List<Map<String, Object>>> page = get(api, next);
      assertThat(page.getResponseBody()).hasSizeLessThanOrEqualTo(2);
      page.getResponseBody().forEach(run -> seen.add((String) run.get("id")));
      String link = page.getResponseHeaders().getFirst("Link");
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    }

    assertThat(seen).isEqualTo(newestFirst);
  }

  @Test
  void historyFiltersByStatusAndBeforeAnInstant() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("filtered"));
    String failed = insertRun(RunDocument.of(workspace, workflowId).status("failed").queuedAt(T0));
    insertRun(
        RunDocument.of(workspace, workflowId).status("completed").queuedAt(T0.plusSeconds(1)));
    String laterFailed =
        insertRun(
            RunDocument.of(workspace, workflowId).status("failed").queuedAt(T0.plusSeconds(2)));

    assertThat(ids(get(api, "/api/workflows/" + workflowId + "/runs?status=failed")))
        .containsExactly(laterFailed, failed);
    assertThat(
            ids(
                get(
                    api,
                    "/api/workflows/"
                        + workflowId
                        + "/runs?status=failed&before=2026-03-08T07:00:02Z")))
        .containsExactly(failed);
    assertThat(ids(get(api, "/api/workflows/" + workflowId + "/runs?limit=1")))
        .containsExactly(laterFailed);
  }

  @Test
  void historyRefusesAnUnknownStatusOrCursor() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("bad filter"));

    for (String query : List.of("status=done", "before=yesterday", "limit=x")) {
      api.runHistory(workflowId, "?" + query).expectStatus().isBadRequest();
    }
  }

  @Test
  void statsAreReadFromTheWorkflowsStatsDocument() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("stats"));
    insertStats(
        stats(workflowId, workspace)
            .append("totalRuns", 5L)
            .append("completedRuns", 2L)
            .append("failedRuns", 2L)
            .append("cancelledRuns", 1L)
            .append("timedRuns", 4L)
            .append("totalDurationMs", 900L)
            .append("lastRunAt", Date.from(T0.plusSeconds(3)))
            .append(
                "usage",
                new Document("aiTokensUsed", 1500L)
                    .append("estimatedCost", 0.03)
                    .append("webhooksCalled", 2L)
                    .append("httpRequests", 7L)));
    // a run the document does not count yet (still running): the runs are not scanned
    insertRun(RunDocument.of(workspace, workflowId).status("running").queuedAt(T0.plusSeconds(9)));

    api.workflowStats(workflowId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalRuns")
        .isEqualTo(5)
        .jsonPath("$.successfulRuns")
        .isEqualTo(2)
        .jsonPath("$.failedRuns")
        .isEqualTo(2)
        .jsonPath("$.avgExecutionTimeMs")
        .isEqualTo(225.0)
        .jsonPath("$.lastRunAt")
        .isEqualTo("2026-03-08T07:00:03Z")
        .jsonPath("$.usage.aiTokensUsed")
        .isEqualTo(1500)
        .jsonPath("$.usage.estimatedCost")
        .isEqualTo(0.03)
        .jsonPath("$.usage.webhooksCalled")
        .isEqualTo(2)
        .jsonPath("$.usage.httpRequests")
        .isEqualTo(7)
        .jsonPath("$.recentRunIds")
        .doesNotExist()
        .jsonPath("$.workspaceId")
        .doesNotExist();
  }

  @Test
  void statsWithOnlyRunsThatNeverStartedHaveNoMeanDuration() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("cancelled while queued"));
    insertStats(
        stats(workflowId, workspace)
            .append("totalRuns", 1L)
            .append("cancelledRuns", 1L)
            .append("timedRuns", 0L)
            .append("totalDurationMs", 0L)
            .append("lastRunAt", Date.from(T0)));

    api.workflowStats(workflowId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalRuns")
        .isEqualTo(1)
        .jsonPath("$.avgExecutionTimeMs")
        .isEmpty()
        .jsonPath("$.lastRunAt")
        .isEqualTo("2026-03-08T07:00:00Z");
  }

  @Test
  void anotherWorkspacesStatsAreNeverShown() {
    ApiClient owner = apiAs("u1", workspace);
    String workflowId = owner.createWorkflow(WorkflowBody.named("private stats"));
    insertStats(stats(workflowId, workspace).append("totalRuns", 7L));

    apiAs("u2", "ws-other-" + UUID.randomUUID())
        .workflowStats(workflowId)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.totalRuns")
        .doesNotExist();
  }

  /** The read is scoped by workspace too, not only through the workflow lookup before it. */
  @Test
  void statsDocumentOfAnotherWorkspaceIsNotRead() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("mismatched stats"));
    insertStats(stats(workflowId, "ws-other-" + UUID.randomUUID()).append("totalRuns", 7L));

    api.workflowStats(workflowId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalRuns")
        .isEqualTo(0);
  }

  @Test
  void statsOfAWorkflowWithoutRunsAreZero() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("no runs"));

    api.workflowStats(workflowId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalRuns")
        .isEqualTo(0)
        .jsonPath("$.successfulRuns")
        .isEqualTo(0)
        .jsonPath("$.failedRuns")
        .isEqualTo(0)
        .jsonPath("$.avgExecutionTimeMs")
        .isEmpty()
        .jsonPath("$.lastRunAt")
        .isEmpty()
        .jsonPath("$.usage.aiTokensUsed")
        .isEqualTo(0)
        .jsonPath("$.usage.estimatedCost")
        .isEqualTo(0.0);
  }

  @Test
  void queuedRunIsCancelledAtOnce() {
    ApiClient api = apiAs("u1", workspace);
    String runId = insertRun(RunDocument.of(workspace, "wf").status("queued"));

    api.cancelRun(runId)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("cancelled")
        .jsonPath("$.finishedAt")
        .isNotEmpty();

    assertThat(stored(runId)).containsEntry("status", "cancelled").containsKey("finishedAt");
  }

  @Test
  void runningRunIsAskedToStop() {
    ApiClient api = apiAs("u1", workspace);
    String runId = insertRun(RunDocument.of(workspace, "wf").status("running"));

    api.cancelRun(runId)
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("running")
        .jsonPath("$.cancelRequested")
        .isEqualTo(true);

    assertThat(stored(runId))
        .containsEntry("status", "running")
        .containsEntry("cancelRequested", true);
  }

  @Test
  void endedRunCannotBeCancelled() {
    ApiClient api = apiAs("u1", workspace);

    for (String status : List.of("completed", "failed", "cancelled")) {
      String runId = insertRun(RunDocument.of(workspace, "wf").status(status));
      api.cancelRun(runId)
          .expectStatus()
          .isEqualTo(409)
          .expectBody()
          .jsonPath("$.detail")
          .value(detail -> assertThat((String) detail).contains(status));
      assertThat(stored(runId)).containsEntry("status", status);
    }
  }

  @Test
  void cancelOfAnUnknownRunIsNotFound() {
    apiAs("u1", workspace).cancelRun("nope").expectStatus().isNotFound();
  }

  /** {@code count} completed runs one second apart from {@link #T0}; their ids newest first. */
  private List<String> insertRuns(String workflowId, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.addFirst(insertRun(RunDocument.of(workspace, workflowId).queuedAt(T0.plusSeconds(i))));
    }
    return ids;
  }

  /** A {@code workflow_stats} document as runner-service keeps it (docs/ARCHITECTURE.md). */
  private static Document stats(String workflowId, String workspaceId) {
    return new Document("_id", workflowId)
        .append("workspaceId", workspaceId)
        .append("recentRunIds", List.of("run-1"));
  }

  private void insertStats(Document stats) {
    mongo.insert(stats, "workflow_stats").block(TIMEOUT);
  }

  private Document stored(String runId) {
    return mongo.findById(runId, Document.class, "runs").block(TIMEOUT);
  }

  private static EntityExchangeResult<List<Map<String, Object>>> get(ApiClient api, String uri) {
    return api.http()
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(LIST)
        .returnResult();
  }

  private static List<String> ids(EntityExchangeResult<List<Map<String, Object>>> page) {
    return page.getResponseBody().stream().map(run -> (String) run.get("id")).toList();
  }
}
