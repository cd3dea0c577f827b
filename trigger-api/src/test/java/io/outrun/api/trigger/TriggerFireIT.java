package io.outrun.api.trigger;

import static io.outrun.api.ApiClient.runId;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.RunDocument;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerFireIT extends TriggerItSupport {

  @Test
  void firingPublishesARunRequestOfTheDeployedVersionAndShowsItInHistory() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "fired");
    String id =
        (String) api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *")).get("id");

    String runId = runId(api.fireTrigger(workflowId, id, Map.of("lead", "ada")));

    RunRequested request = requestFor(runId);
    assertThat(request.workflowId()).isEqualTo(workflowId);
    assertThat(request.workspaceId()).isEqualTo(workspace);
    assertThat(request.workflowVersion()).isEqualTo(1);
    assertThat(request.test()).isFalse();
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.SCHEDULE);
    assertThat(request.triggeredBy().triggerId()).isEqualTo(id);
    assertThat(request.triggeredBy().source()).isEqualTo("fire:u1");
    assertThat(request.triggeredBy().payload()).isEqualTo(Map.of("lead", "ada"));
    api.getTrigger(workflowId, id)
        .expectBody()
        .jsonPath("$.triggerCount")
        .isEqualTo(1)
        .jsonPath("$.lastTriggeredAt")
        .isNotEmpty();
    api.triggerHistory(workflowId, id, "")
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
  void aFiredRunsRequestSaysTriggerApiRecordsItsRun() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "recorded here");
    String id = (String) api.createdTrigger(workflowId, TriggerBody.of("webhook")).get("id");

    String runId = runId(api.fireTrigger(workflowId, id, Map.of("lead", "ada")));

    assertThat(deliveryFor(runId).header(Topics.RUN_RECORDED_BY_HEADER)).contains("trigger-api");
  }

  @Test
  void firingWithoutABodyUsesAnEmptyPayload() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "no body");
    String id = (String) api.createdTrigger(workflowId, TriggerBody.of("webhook")).get("id");

    String runId = runId(api.fireTrigger(workflowId, id, null));

    RunRequested request = requestFor(runId);
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.WEBHOOK);
    assertThat(request.triggeredBy().payload()).isEmpty();
  }

  @Test
  void firingATriggerOfADraftWorkflowIs409() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("draft"));
    String id = (String) api.createdTrigger(workflowId, TriggerBody.manual()).get("id");

    api.fireTrigger(workflowId, id, Map.of()).expectStatus().isEqualTo(409);
    assertThat(storedTrigger(id).getLong("triggerCount")).isZero();
  }

  @Test
  void historyListsOnlyThisTriggersRunsNewestFirstUpToTheLimit() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("history"));
    String id = (String) api.createdTrigger(workflowId, TriggerBody.manual()).get("id");
    Instant t0 = Instant.parse("2026-03-08T07:00:00Z");
    for (int i = 0; i < 3; i++) {
      insertRun("run-" + i + "-" + id, id, workspace, t0.plusSeconds(i));
    }
    insertRun("other-" + id, "another-trigger", workspace, t0.plusSeconds(10));
    insertRun("foreign-" + id, id, "someone-else", t0.plusSeconds(10));

    api.triggerHistory(workflowId, id, "?limit=2")
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
    insertRun(
        RunDocument.of(workspaceId, "wf")
            .id(runId)
            .triggeredBy("manual", triggerId, "x")
            .queuedAt(queuedAt));
  }
}
