package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.RunDocument;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A trigger's timeline: its runs and the listener's {@code trigger_events}, newest first. */
class TriggerHistoryIT extends TriggerItSupport {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void runsAndEventsAreMergedNewestFirstEachWithItsKind() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("timeline"));
    String id = scheduleOf(api, workflowId);
    insertRun("run-a-" + id, id, workspace, T0);
    insertRun("run-b-" + id, id, workspace, T0.plusSeconds(120));
    insertEvent(
        event(id, "missed", T0.plusSeconds(60))
            .append("from", Date.from(T0.minusSeconds(3600)))
            .append("to", Date.from(T0.minusSeconds(60)))
            .append("count", 60L));
    insertEvent(
        event(id, "skipped", T0.plusSeconds(180))
            .append("scheduledAt", Date.from(T0.plusSeconds(180)))
            .append("count", 1L)
            .append("detail", "previous run run-b still running"));
    insertEvent(
        event(id, "buffered", T0.plusSeconds(30))
            .append("scheduledAt", Date.from(T0.plusSeconds(30))));

    List<Map<String, Object>> timeline = history(api, workflowId, id, 50);

    assertThat(timeline)
        .extracting(entry -> entry.get("kind"))
        .containsExactly("skipped", "run", "missed", "buffered", "run");
    assertThat(timeline.get(0))
        .isEqualTo(
            Map.of(
                "kind", "skipped",
                "id", id + ":skipped:" + T0.plusSeconds(180),
                "at", "2026-03-08T07:03:00Z",
                "scheduledAt", "2026-03-08T07:03:00Z",
                "count", 1,
                "detail", "previous run run-b still running"));
    assertThat(timeline.get(1))
        .containsEntry("id", "run-b-" + id)
        .containsEntry("status", "completed")
        .containsEntry("source", "schedule")
        .containsEntry("workflowVersion", 1)
        .containsEntry("queuedAt", "2026-03-08T07:02:00Z")
        .containsKeys("startedAt", "finishedAt", "durationMs", "error");
    assertThat(timeline.get(2))
        .containsEntry("from", "2026-03-08T06:00:00Z")
        .containsEntry("to", "2026-03-08T06:59:00Z")
        .containsEntry("count", 60)
        .doesNotContainKeys("scheduledAt", "detail");
    assertThat(timeline.get(3))
        .containsEntry("scheduledAt", "2026-03-08T07:00:30Z")
        .doesNotContainKeys("count", "detail", "from", "to");
  }

  @Test
  void theLimitAppliesToTheMergedTimeline() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("limited"));
    String id = scheduleOf(api, workflowId);
    for (int i = 0; i < 3; i++) {
      insertRun("run-" + i + "-" + id, id, workspace, T0.plusSeconds(10 * i));
      insertEvent(
          event(id, "skipped", T0.plusSeconds(10 * i + 5))
              .append("scheduledAt", Date.from(T0.plusSeconds(10 * i + 5))));
    }

    assertThat(history(api, workflowId, id, 4))
        .extracting(
            entry -> entry.get("kind") + "@" + entry.getOrDefault("at", entry.get("queuedAt")))
        .containsExactly(
            "skipped@2026-03-08T07:00:25Z",
            "run@2026-03-08T07:00:20Z",
            "skipped@2026-03-08T07:00:15Z",
            "run@2026-03-08T07:00:10Z");
  }

  @Test
  void eventsOfOtherTriggersAndOtherWorkspacesAreNotShown() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("isolated"));
    String id = scheduleOf(api, workflowId);
    insertEvent(event(id, "missed", T0).append("count", 2L));
    insertEvent(event("another-trigger", "missed", T0.plusSeconds(1)));
    insertEvent(event(id, "skipped", T0.plusSeconds(2)).append("workspaceId", "ws-someone-else"));

    assertThat(history(api, workflowId, id, 50))
        .singleElement()
        .satisfies(
            entry -> assertThat(entry).containsEntry("kind", "missed").containsEntry("count", 2));
    stranger().triggerHistory(workflowId, id, "").expectStatus().isNotFound();
  }

  private static String scheduleOf(ApiClient api, String workflowId) {
    return (String) api.createdTrigger(workflowId, TriggerBody.schedule("* * * * *")).get("id");
  }

  private static List<Map<String, Object>> history(
      ApiClient api, String workflowId, String id, int limit) {
    return api.triggerHistory(workflowId, id, "?limit=" + limit)
        .expectStatus()
        .isOk()
        .expectBodyList(JSON)
        .returnResult()
        .getResponseBody();
  }

  /** A {@code trigger_events} document as the listener writes it. */
  private Document event(String triggerId, String kind, Instant at) {
    String instant = at.toString();
    return new Document("_id", triggerId + ":" + kind + ":" + instant)
        .append("workspaceId", workspace)
        .append("workflowId", "wf")
        .append("triggerId", triggerId)
        .append("kind", kind)
        .append("at", Date.from(at));
  }

  private void insertEvent(Document event) {
    mongo.insert(event, TriggerHistory.TRIGGER_EVENTS).block(TIMEOUT);
  }

  private void insertRun(String runId, String triggerId, String workspaceId, Instant queuedAt) {
    insertRun(
        RunDocument.of(workspaceId, "wf")
            .id(runId)
            .triggeredBy("schedule", triggerId, "schedule")
            .queuedAt(queuedAt));
  }
}
