package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ChangeStreamEvent;
import org.springframework.data.mongodb.core.ChangeStreamOptions;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The schedule state listener-service keeps on a trigger ({@code nextRunAt}, {@code schedule.*}):
 * shown by trigger-api, and reset (unset, never set) whenever the schedule must start afresh.
 */
class ScheduleStateIT extends TriggerItSupport {

  private static final Instant STORED_NEXT =
      Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  private static final Instant BUFFERED = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void anEnabledScheduleShowsTheListenersNextRunAtAndCounters() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "shown");
    String id = scheduleOf(api, workflowId);
    listenerState(id);

    api.getTrigger(workflowId, id)
        .expectBody()
        .jsonPath("$.nextRunAt")
        .isEqualTo(STORED_NEXT.toString())
        .jsonPath("$.missedCount")
        .isEqualTo(3)
        .jsonPath("$.skippedCount")
        .isEqualTo(2);
  }

  @Test
  void countersAreZeroForANewScheduleAndAbsentForOtherTypes() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "counters");

    Map<String, Object> schedule =
        api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *"));
    Map<String, Object> webhook = api.createdTrigger(workflowId, TriggerBody.of("webhook"));

    assertThat(schedule).containsEntry("missedCount", 0).containsEntry("skippedCount", 0);
    assertThat(Instant.parse((String) schedule.get("nextRunAt"))).isAfter(Instant.now());
    assertThat(webhook).doesNotContainKeys("missedCount", "skippedCount", "nextRunAt");
  }

  @Test
  void aDisabledScheduleShowsNoNextRunAtButKeepsItsCounters() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "disabled");
    String id = scheduleOf(api, workflowId);
    mongo
        .updateFirst(
            byId(id),
            new Update().set("enabled", false).set("schedule.missedCount", 4), // an int32 reads too
            Trigger.COLLECTION)
        .block(TIMEOUT);
    listenerNextRunAt(id);

    assertThat(ApiClient.body(api.getTrigger(workflowId, id)))
        .doesNotContainKey("nextRunAt")
        .containsEntry("missedCount", 4)
        .containsEntry("skippedCount", 0);
  }

  @Test
  void theStoredScheduleConfigCarriesTheListenersDefaults() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "defaults");
    String id = (String) api.createdTrigger(workflowId, TriggerBody.interval(90)).get("id");

    assertThat(storedTrigger(id).get("config", Document.class))
        .containsEntry("intervalSeconds", 90)
        .containsEntry("timezone", "UTC")
        .containsEntry("overlapPolicy", "skip")
        .containsEntry("catchupWindowSeconds", 60);
  }

  @Test
  void disablingAndEnablingAScheduleResetIt() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "toggled");
    String id = scheduleOf(api, workflowId);

    for (String action : new String[] {"disable", "enable"}) {
      listenerState(id);
      api.enableTrigger(workflowId, id, action.equals("enable")).expectStatus().isOk();
      assertReset(id, action);
    }
  }

  @Test
  void replacingAScheduleResetsIt() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "replaced");
    String id = scheduleOf(api, workflowId);
    listenerState(id);

    Map<String, Object> replaced =
        ApiClient.body(
            api.replaceTrigger(workflowId, id, TriggerBody.schedule("0 * * * *").named("hourly"))
                .expectStatus()
                .isOk());

    assertReset(id, "PUT");
    assertThat(Instant.parse((String) replaced.get("nextRunAt"))).isNotEqualTo(STORED_NEXT);
  }

  @Test
  void everyWorkflowStatusChangeResetsEveryScheduleOfTheWorkflowOnly() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "lifecycle");
    String first = scheduleOf(api, workflowId);
    String second = (String) api.createdTrigger(workflowId, TriggerBody.interval(60)).get("id");
    String webhook = (String) api.createdTrigger(workflowId, TriggerBody.of("webhook")).get("id");
    String elsewhere = scheduleOf(api, activeWorkflow(api, "another"));
    listenerState(elsewhere);

    for (String action : new String[] {"pause", "resume", "undeploy", "deploy", "rollback"}) {
      for (String id : new String[] {first, second, webhook}) {
        listenerState(id);
      }
      // rollback reads the version; the other actions ignore the body
      api.post("/api/workflows/{wf}/" + action, Map.of("version", 1), workflowId)
          .expectStatus()
          .isOk();
      assertReset(first, action);
      assertReset(second, action);
      assertThat(storedTrigger(webhook)).as(action).containsKey("nextRunAt");
    }
    for (String id : new String[] {first, second}) {
      listenerState(id);
    }
    api.deleteWorkflow(workflowId).expectStatus().isOk();
    assertReset(first, "archive");
    assertReset(second, "archive");

    assertThat(storedTrigger(elsewhere)).containsKey("nextRunAt");
  }

  /**
   * The order of the writes, from the oplog (change streams from an operation time before them):
   * the listener must never see an active workflow with a stale {@code nextRunAt}, and a paused one
   * is reset only once it is paused.
   */
  @Test
  void activatingResetsBeforeTheStatusWriteAndStoppingAfterIt() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "ordered");
    String id = scheduleOf(api, workflowId);

    for (String action : new String[] {"pause", "resume", "undeploy", "deploy"}) {
      listenerState(id);
      BsonTimestamp before = new BsonTimestamp((int) Instant.now().getEpochSecond() - 1, 0);
      api.lifecycle(workflowId, action).expectStatus().isOk();

      BsonTimestamp reset = lastUpdate(Trigger.COLLECTION, id, before);
      BsonTimestamp status = lastUpdate("workflows", workflowId, before);
      if (action.equals("resume") || action.equals("deploy")) {
        assertThat(reset).as(action).isLessThan(status);
      } else {
        assertThat(reset).as(action).isGreaterThan(status);
      }
    }
  }

  @Test
  void aRefusedStatusChangeResetsNothing() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "still active");
    String id = scheduleOf(api, workflowId);
    listenerState(id);

    api.lifecycle(workflowId, "resume").expectStatus().isEqualTo(409);

    assertThat(storedTrigger(id).get("nextRunAt")).isEqualTo(Date.from(STORED_NEXT));
  }

  private static String scheduleOf(ApiClient api, String workflowId) {
    return (String) api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *")).get("id");
  }

  /** What listener-service writes as it seeds and advances a schedule. */
  private void listenerState(String id) {
    Document schedule =
        new Document("lastScheduledAt", Date.from(BUFFERED.minusSeconds(86_400)))
            .append("lastRunId", "run-1")
            .append("bufferedAt", Date.from(BUFFERED))
            .append("missedCount", 3L)
            .append("skippedCount", 2L);
    mongo
        .updateFirst(
            byId(id),
            new Update().set("nextRunAt", Date.from(STORED_NEXT)).set("schedule", schedule),
            Trigger.COLLECTION)
        .block(TIMEOUT);
  }

  private void listenerNextRunAt(String id) {
    mongo
        .updateFirst(
            byId(id), new Update().set("nextRunAt", Date.from(STORED_NEXT)), Trigger.COLLECTION)
        .block(TIMEOUT);
  }

  /** nextRunAt and schedule.bufferedAt gone; the rest of the listener's state kept. */
  private void assertReset(String id, String after) {
    Document stored = storedTrigger(id);
    assertThat(stored).as(after).doesNotContainKey("nextRunAt");
    assertThat(stored.get("schedule", Document.class))
        .as(after)
        .doesNotContainKey("bufferedAt")
        .containsEntry("missedCount", 3L)
        .containsEntry("skippedCount", 2L)
        .containsEntry("lastRunId", "run-1");
  }

  /** When the last update of document {@code id} since {@code since} was written. */
  private BsonTimestamp lastUpdate(String collection, String id, BsonTimestamp since) {
    ChangeStreamOptions options =
        ChangeStreamOptions.builder()
            .resumeAt(since)
            .filter(
                Aggregation.newAggregation(
                    Aggregation.match(
                        Criteria.where("operationType")
                            .is("update")
                            .and("documentKey._id")
                            .is(id))))
            .build();
    List<ChangeStreamEvent<Document>> updates =
        mongo
            .changeStream(collection, options, Document.class)
            .take(Duration.ofSeconds(1))
            .collectList()
            .block(TIMEOUT);
    assertThat(updates).as("updates of %s %s", collection, id).isNotEmpty();
    return updates.getLast().getBsonTimestamp();
  }

  private static Query byId(String id) {
    return Query.query(Criteria.where("_id").is(id));
  }
}
