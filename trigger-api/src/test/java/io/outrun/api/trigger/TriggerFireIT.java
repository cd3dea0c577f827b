package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

class TriggerFireIT extends TriggerItSupport {

  @Autowired EventConsumers consumers;

  @Test
  void firingPublishesARunRequestOfTheDeployedVersionAndShowsItInHistory() {
    WebTestClient api = api();
    String workflowId = activeWorkflow(api, "fired");
    String id =
        (String) created(api, workflowId, "schedule", Map.of("cron", "0 2 * * *")).get("id");

    String runId =
        (String)
            body(post(
                        api,
                        "/api/workflows/{wf}/triggers/{id}/fire",
                        Map.of("lead", "ada"),
                        workflowId,
                        id)
                    .expectStatus()
                    .isAccepted())
                .get("runId");

    RunRequested request = requestFor(runId);
    assertThat(request.workflowId()).isEqualTo(workflowId);
    assertThat(request.workspaceId()).isEqualTo(workspace);
    assertThat(request.workflowVersion()).isEqualTo(1);
    assertThat(request.test()).isFalse();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.SCHEDULE);
    assertThat(request.triggeredBy().triggerId()).isEqualTo(id);
    assertThat(request.triggeredBy().source()).isEqualTo("fire:u1");
    assertThat(request.triggeredBy().payload()).isEqualTo(Map.of("lead", "ada"));
    api.get()
        .uri("/api/workflows/{wf}/triggers/{id}", workflowId, id)
        .exchange()
        .expectBody()
        .jsonPath("$.triggerCount")
        .isEqualTo(1)
        .jsonPath("$.lastTriggeredAt")
        .isNotEmpty();
    api.get()
        .uri("/api/workflows/{wf}/triggers/{id}/history", workflowId, id)
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1)
        .jsonPath("$[0].id")
        .isEqualTo(runId)
        .jsonPath("$[0].status")
        .isEqualTo("queued")
        .jsonPath("$[0].source")
        .isEqualTo("fire:u1");
  }

  @Test
  void firingWithoutABodyUsesAnEmptyPayload() {
    WebTestClient api = api();
    String workflowId = activeWorkflow(api, "no body");
    String id = (String) created(api, workflowId, "webhook", Map.of()).get("id");

    String runId =
        (String)
            body(api.post()
                    .uri("/api/workflows/{wf}/triggers/{id}/fire", workflowId, id)
                    .exchange()
                    .expectStatus()
                    .isAccepted())
                .get("runId");

    RunRequested request = requestFor(runId);
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.WEBHOOK);
    assertThat(request.triggeredBy().payload()).isEmpty();
  }

  @Test
  void firingATriggerOfADraftWorkflowIs409() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("draft"));
    String id = (String) created(api, workflowId, "manual", Map.of()).get("id");

    post(api, "/api/workflows/{wf}/triggers/{id}/fire", Map.of(), workflowId, id)
        .expectStatus()
        .isEqualTo(409);
    assertThat(storedTrigger(id).getLong("triggerCount")).isZero();
  }

  @Test
  void historyListsOnlyThisTriggersRunsNewestFirstUpToTheLimit() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("history"));
    String id = (String) created(api, workflowId, "manual", Map.of()).get("id");
    Instant t0 = Instant.parse("2026-03-08T07:00:00Z");
    for (int i = 0; i < 3; i++) {
      insertRun("run-" + i + "-" + id, id, workspace, t0.plusSeconds(i));
    }
    insertRun("other-" + id, "another-trigger", workspace, t0.plusSeconds(10));
    insertRun("foreign-" + id, id, "someone-else", t0.plusSeconds(10));

    api.get()
        .uri("/api/workflows/{wf}/triggers/{id}/history?limit=2", workflowId, id)
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(2)
        .jsonPath("$[0].id")
        .isEqualTo("run-2-" + id)
        .jsonPath("$[0].queuedAt")
        .isEqualTo("2026-03-08T07:00:02Z")
        .jsonPath("$[1].id")
        .isEqualTo("run-1-" + id);
  }

  private void insertRun(String runId, String triggerId, String workspaceId, Instant queuedAt) {
    mongo
        .insert(
            new Document("_id", runId)
                .append("requestEventId", UUID.randomUUID().toString())
                .append("workspaceId", workspaceId)
                .append("workflowId", "wf")
                .append("workflowVersion", 1)
                .append("test", false)
                .append("status", "completed")
                .append(
                    "triggeredBy",
                    new Document("type", "manual")
                        .append("triggerId", triggerId)
                        .append("source", "x"))
                .append("queuedAt", Date.from(queuedAt)),
            "runs")
        .block(TIMEOUT);
  }

  private RunRequested requestFor(String runId) {
    return consumers
        .create("trigger-fire-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
        .receive()
        .filter(delivery -> delivery.event().runId().equals(runId))
        .next()
        .block(TIMEOUT)
        .event();
  }
}
