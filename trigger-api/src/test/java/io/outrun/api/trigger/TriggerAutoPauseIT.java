package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A trigger's auto-pause as trigger-api shows and resets it; the listener's writes (the streak, the
 * pause, the history entry) are made here as listener-service makes them (its AutoPauseIT).
 */
class TriggerAutoPauseIT extends TriggerItSupport {

  private static final Instant PAUSED_AT = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void theLimitIsStoredNextToEnabledAndShownWithAnEmptyStreak() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("limited"));

    Map<String, Object> created =
        api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *").autoPauseAfter(3));

    String id = (String) created.get("id");
    assertThat(created)
        .containsEntry("autoPauseAfterFailures", 3)
        .containsEntry("consecutiveFailures", 0)
        .doesNotContainKey("autoPausedAt")
        .doesNotContainKey("lastError");
    assertThat(storedTrigger(id)).containsEntry("autoPauseAfterFailures", 3);
    assertThat(storedTrigger(id).get("config", Document.class))
        .doesNotContainKey("autoPauseAfterFailures");
  }

  @Test
  void aPutWithoutTheLimitRemovesItAndAPatchWithoutItKeepsIt() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("replaced"));
    String id =
        (String)
            api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *").autoPauseAfter(3))
                .get("id");

    api.patchTrigger(id, Map.of("name", "renamed")).expectStatus().isOk();
    assertThat(storedTrigger(id)).containsEntry("autoPauseAfterFailures", 3);

    api.replaceTrigger(workflowId, id, TriggerBody.schedule("0 2 * * *"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.autoPauseAfterFailures")
        .doesNotExist();
    assertThat(storedTrigger(id)).doesNotContainKey("autoPauseAfterFailures");
  }

  @Test
  void aLimitOutOfRangeOrOfTheWrongTypeIs400() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("bad limits"));
    for (Object bad : List.of(-1, 1001)) {
      api.createTrigger(workflowId, TriggerBody.schedule("0 2 * * *").autoPauseAfter(bad))
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("autoPauseAfterFailures");
    }
    for (Object bad : List.of("3", 2.5, Map.of("$gt", 1))) {
      api.createTrigger(workflowId, TriggerBody.schedule("0 2 * * *").autoPauseAfter(bad))
          .expectStatus()
          .isBadRequest();
    }
  }

  @Test
  void anAutoPausedTriggerShowsWhyAndItsHistoryAndEnablingItResetsTheStreak() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("paused"));
    String id =
        (String)
            api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *").autoPauseAfter(3))
                .get("id");
    pausedByTheListener(workflowId, id);

    api.getTrigger(workflowId, id)
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(false)
        .jsonPath("$.consecutiveFailures")
        .isEqualTo(3)
        .jsonPath("$.lastError")
        .isEqualTo("node n1: boom")
        .jsonPath("$.autoPausedAt")
        .isEqualTo(PAUSED_AT.toString());
    api.triggerHistory(workflowId, id, "")
        .expectBody()
        .jsonPath("$[0].kind")
        .isEqualTo("auto_paused")
        .jsonPath("$[0].detail")
        .value(detail -> assertThat((String) detail).contains("3 consecutive failed runs"));

    api.enableTrigger(workflowId, id, true)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(true)
        .jsonPath("$.consecutiveFailures")
        .isEqualTo(0)
        .jsonPath("$.autoPausedAt")
        .doesNotExist();
    Document stored = storedTrigger(id);
    assertThat(stored).containsEntry("consecutiveFailures", 0).doesNotContainKey("autoPausedAt");
    assertThat(((Document) stored.get("autoPause")).get("countedRunIds"))
        .isEqualTo(List.of("r1", "r2", "r3"));
  }

  /** What listener-service writes when it pauses the trigger after its third failed run. */
  private void pausedByTheListener(String workflowId, String triggerId) {
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(triggerId)),
            new Update()
                .set("enabled", false)
                .set("consecutiveFailures", 3)
                .set("lastError", "node n1: boom")
                .set("lastFailedAt", Date.from(PAUSED_AT))
                .set("autoPausedAt", Date.from(PAUSED_AT))
                .set(
                    "autoPause",
                    new Document("runId", "r3").append("countedRunIds", List.of("r1", "r2", "r3"))),
            Trigger.COLLECTION)
        .block(TIMEOUT);
    mongo
        .insert(
            new Document("_id", triggerId + ":auto_paused:r3")
                .append("workspaceId", workspace)
                .append("workflowId", workflowId)
                .append("triggerId", triggerId)
                .append("kind", "auto_paused")
                .append("at", Date.from(PAUSED_AT))
                .append("count", 3)
                .append(
                    "detail",
                    "disabled after 3 consecutive failed runs; the last one, run r3: node n1: boom"),
            TriggerHistory.TRIGGER_EVENTS)
        .block(TIMEOUT);
  }
}
