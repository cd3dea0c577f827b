package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import io.outrun.bus.EventConsumers;
import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code POST .../backfill}: one run per past scheduled instant, named as the schedule names it.
 */
class TriggerBackfillIT extends TriggerItSupport {

  private static final String BACKFILL = "/api/workflows/{wf}/triggers/{id}/backfill";
  private static final Map<String, Object> NEW_YORK_RANGE =
      Map.of("from", "2026-03-07T00:00:00Z", "to", "2026-03-10T12:00:00Z");

  @Autowired EventConsumers consumers;

  @Test
  void aCronBackfillRequestsOneRunPerScheduledInstantInTheTriggersZone() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "backfilled");
    String id = cron(api, workflowId, "0 2 * * *", "America/New_York");

    Map<String, Object> answer =
        body(api.backfill(workflowId, id, NEW_YORK_RANGE).expectStatus().isAccepted());

    List<String> expected =
        List.of(
            "2026-03-07T07:00:00Z", // 02:00 EST
            "2026-03-08T07:00:00Z", // 02:00 falls in the spring-forward gap: 03:00 EDT
            "2026-03-09T06:00:00Z", // 02:00 EDT
            "2026-03-10T06:00:00Z");
    assertThat(answer).containsEntry("count", 4);
    @SuppressWarnings("unchecked")
    List<String> runIds = (List<String>) answer.get("runIds");
    List<RunRequested> requests = requestsFor(runIds);
    assertThat(requests)
        .extracting(request -> request.triggeredBy().payload().get("scheduledAt"))
        .containsExactlyElementsOf(expected);
    for (RunRequested request : requests) {
      String scheduledAt = (String) request.triggeredBy().payload().get("scheduledAt");
      assertThat(request.eventId()).isEqualTo(EventIds.of("schedule", id, scheduledAt));
      assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.SCHEDULE);
      assertThat(request.triggeredBy().triggerId()).isEqualTo(id);
      assertThat(request.triggeredBy().source()).isEqualTo("backfill");
      assertThat(request.triggeredBy().payload()).containsEntry("backfill", true);
      assertThat(request.workflowVersion()).isEqualTo(1);
      assertThat(request.workspaceId()).isEqualTo(workspace);
      assertThat(request.test()).isFalse();
    }
    assertThat(runIds)
        .containsExactlyElementsOf(
            expected.stream()
                .map(at -> EventIds.runIdFor(EventIds.of("schedule", id, at)))
                .toList());
    assertThat(storedTrigger(id).getLong("triggerCount")).isEqualTo(4);
    api.triggerHistory(workflowId, id, "")
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(4)
        .jsonPath("$[0].kind")
        .isEqualTo("run")
        .jsonPath("$[0].source")
        .isEqualTo("backfill")
        .jsonPath("$[0].status")
        .isEqualTo("queued");
  }

  @Test
  void backfillingTheSameRangeTwiceNamesTheSameRuns() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "twice");
    String id = cron(api, workflowId, "0 */6 * * *", "UTC");
    Map<String, Object> range =
        Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z");

    Object first =
        body(api.backfill(workflowId, id, range).expectStatus().isAccepted()).get("runIds");
    Object second =
        body(api.backfill(workflowId, id, range).expectStatus().isAccepted()).get("runIds");

    assertThat(first).isEqualTo(second).asList().hasSize(5);
  }

  @Test
  void anIntervalBackfillKeepsTheListenersInstants() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "interval");
    String id = (String) api.createdTrigger(workflowId, TriggerBody.interval(600)).get("id");
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(id)),
            new Update().set("nextRunAt", Date.from(Instant.parse("2026-12-01T00:02:30Z"))),
            Trigger.COLLECTION)
        .block(TIMEOUT);

    Map<String, Object> answer =
        body(
            api.backfill(
                    workflowId,
                    id,
                    Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-01T00:30:00Z"))
                .expectStatus()
                .isAccepted());

    @SuppressWarnings("unchecked")
    List<String> runIds = (List<String>) answer.get("runIds");
    assertThat(requestsFor(runIds))
        .extracting(request -> request.triggeredBy().payload().get("scheduledAt"))
        .containsExactly("2026-03-01T00:02:30Z", "2026-03-01T00:12:30Z", "2026-03-01T00:22:30Z");
  }

  @Test
  void aRangeWithoutInstantsStartsNothing() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "empty");
    String id = cron(api, workflowId, "0 2 * * *", "UTC");

    api.backfill(
            workflowId, id, Map.of("from", "2026-03-01T03:00:00Z", "to", "2026-03-01T04:00:00Z"))
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.count")
        .isEqualTo(0)
        .jsonPath("$.runIds.length()")
        .isEqualTo(0);
    assertThat(storedTrigger(id).getLong("triggerCount")).isEqualTo(0);
  }

  @Test
  void aRangeOverTheCapIsRefusedWhole() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "too many");
    String id = cron(api, workflowId, "* * * * *", "UTC");

    api.backfill(
            workflowId, id, Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("1441", "1000"))
        .jsonPath("$.errors[0].field")
        .isEqualTo("to")
        .jsonPath("$.instants")
        .isEqualTo(1441)
        .jsonPath("$.maxRuns")
        .isEqualTo(1000);
    assertThat(storedTrigger(id).getLong("triggerCount")).isEqualTo(0);
    assertThat(
            mongo
                .count(
                    Query.query(Criteria.where("triggeredBy.triggerId").is(id)),
                    TriggerHistory.RUNS)
                .block(TIMEOUT))
        .isZero();
  }

  @Test
  void eachBadRangeIs400NamingTheField() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "bad ranges");
    String id = cron(api, workflowId, "0 2 * * *", "UTC");
    String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();

    assertFields(
        api.http().post().uri(BACKFILL, workflowId, id).exchange(), "from", "to"); // no body
    assertFields(api.backfill(workflowId, id, Map.of()), "from", "to");
    assertFields(api.backfill(workflowId, id, Map.of("from", "yesterday", "to", 42)), "from", "to");
    assertFields(
        api.backfill(
            workflowId, id, Map.of("from", "2026-03-02T00:00:00Z", "to", "2026-03-01T00:00:00Z")),
        "from");
    assertFields(
        api.backfill(workflowId, id, Map.of("from", "2026-03-01T00:00:00Z", "to", future)), "to");
    assertFields(
        api.backfill(
            workflowId,
            id,
            Map.of("from", "-1000000000-01-01T00:00:00Z", "to", "2026-03-01T00:00:00Z")),
        "from");
  }

  @Test
  void onlyScheduleTriggersCanBeBackfilled() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "webhook");
    String id = (String) api.createdTrigger(workflowId, TriggerBody.of("webhook")).get("id");

    api.backfill(workflowId, id, NEW_YORK_RANGE)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("schedule", "webhook"));
  }

  @Test
  void anInactiveWorkflowIsRefusedAsFireRefusesIt() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("draft"));
    String id = cron(api, workflowId, "0 2 * * *", "UTC");

    Map<String, Object> fire =
        body(api.fireTrigger(workflowId, id, Map.of()).expectStatus().isEqualTo(409));
    Map<String, Object> backfill =
        body(api.backfill(workflowId, id, NEW_YORK_RANGE).expectStatus().isEqualTo(409));

    assertThat(backfill.get("detail")).isEqualTo(fire.get("detail"));
    assertThat(backfill.get("title")).isEqualTo(fire.get("title"));
    assertThat(backfill.keySet()).containsExactlyInAnyOrderElementsOf(fire.keySet());
  }

  @Test
  void anUnknownTriggerOrAnotherWorkspacesIs404() {
    ApiClient api = owner();
    String workflowId = activeWorkflow(api, "mine");
    String id = cron(api, workflowId, "0 2 * * *", "UTC");

    api.backfill(workflowId, "no-such-trigger", NEW_YORK_RANGE).expectStatus().isNotFound();
    stranger().backfill(workflowId, id, NEW_YORK_RANGE).expectStatus().isNotFound();
  }

  private static void assertFields(WebTestClient.ResponseSpec response, String... fields) {
    response
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            found -> assertThat(Set.copyOf((List<?>) found)).isEqualTo(Set.of((Object[]) fields)));
  }

  private static String cron(ApiClient api, String workflowId, String cron, String zone) {
    return (String)
        api.createdTrigger(workflowId, TriggerBody.schedule(cron).config("timezone", zone))
            .get("id");
  }

  /** The requests for {@code runIds} as they are on Kafka, once each, in the order of the ids. */
  private List<RunRequested> requestsFor(List<String> runIds) {
    Map<String, RunRequested> byRun =
        consumers
            .create(
                "trigger-backfill-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
            .receive()
            .map(delivery -> delivery.event())
            .filter(request -> runIds.contains(request.runId()))
            .distinct(RunRequested::runId)
            .take(runIds.size())
            .collectMap(RunRequested::runId)
            .block(TIMEOUT);
    return runIds.stream().map(byRun::get).toList();
  }
}
