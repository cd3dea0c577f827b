package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiClient;
import io.outrun.api.ApiMetrics;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

class TriggerApiIT extends TriggerItSupport {

  @Autowired MeterRegistry meters;

  @Test
  void webhookTriggerIsCreatedWithItsUrlAndListed() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("hooked"));

    Map<String, Object> trigger =
        api.createdTrigger(
            workflowId, TriggerBody.webhook().named("Incoming lead").config("method", "post"));

    String id = (String) trigger.get("id");
    assertThat(trigger)
        .containsEntry("workflowId", workflowId)
        .containsEntry("type", "webhook")
        .containsEntry("enabled", true)
        .containsEntry(
            "config",
            Map.of(
                "method",
                "POST",
                "authType",
                "none",
                "allowedOrigins",
                List.of(),
                "responseFormat",
                "json"))
        .containsEntry("triggerCount", 0)
        .containsEntry("lastTriggeredAt", null)
        .containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + id)
        .doesNotContainKey("secret")
        .doesNotContainKey("nextRunAt");
    api.listTriggers(workflowId)
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1)
        .jsonPath("$[0].id")
        .isEqualTo(id);
  }

  @Test
  void scheduleTriggerShowsItsNextRun() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("nightly"));

    Map<String, Object> trigger =
        api.createdTrigger(
            workflowId, TriggerBody.schedule("0 2 * * *").config("timezone", "America/New_York"));

    assertThat(trigger.get("config"))
        .isEqualTo(
            Map.of(
                "cron", "0 2 * * *",
                "timezone", "America/New_York",
                "overlapPolicy", "skip",
                "catchupWindowSeconds", 60));
    Instant next = Instant.parse((String) trigger.get("nextRunAt"));
    assertThat(next).isAfter(Instant.now());
    assertThat(next.atZone(java.time.ZoneId.of("America/New_York")).getHour()).isEqualTo(2);
  }

  @Test
  void intervalScheduleDataChangeAndManualTriggersAreCreated() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("many"));

    assertThat(api.createdTrigger(workflowId, TriggerBody.interval(300))).containsKey("nextRunAt");
    assertThat(
            api.createdTrigger(
                    workflowId,
                    TriggerBody.dataChange("leads", "insert")
                        .config("filter", Map.of("fullDocument.status", "hot")))
                .get("config"))
        .isEqualTo(
            Map.of(
                "collection", "leads",
                "operations", List.of("insert"),
                "filter", Map.of("fullDocument.status", "hot")));
    assertThat(api.createdTrigger(workflowId, TriggerBody.manual()))
        .containsEntry("config", Map.of());
    assertThat(storedTrigger(listIds(api, workflowId).getFirst()))
        .containsEntry("workspaceId", workspace);
  }

  @Test
  void everyInvalidFieldOfEachTypeIs400WithErrors() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("invalid"));
    Map<String, Map<String, Object>> invalid =
        Map.of(
            "schedule",
                Map.of("cron", "0 2 * * *", "timezone", "Nowhere/City", "overlapPolicy", "x"),
            "webhook", Map.of("method", "TRACE", "authType", "oauth"),
            "data_change", Map.of("collection", "triggers", "operations", List.of("upsert")),
            "dependency", Map.of("dependsOnWorkflowId", workflowId, "delayMinutes", 90));
    Map<String, List<String>> expected =
        Map.of(
            "schedule", List.of("config.timezone", "config.overlapPolicy"),
            "webhook", List.of("config.method", "config.authType"),
            "data_change", List.of("config.collection", "config.operations[0]"),
            "dependency", List.of("config.dependsOnWorkflowId", "config.delayMinutes"));

    invalid.forEach(
        (type, config) -> {
          Map<String, Object> problem =
              ApiClient.body(
                  api.createTrigger(workflowId, TriggerBody.of(type).named("bad").config(config))
                      .expectStatus()
                      .isBadRequest());
          assertThat((List<Map<String, Object>>) problem.get("errors"))
              .extracting(error -> error.get("field"))
              .as(type)
              .containsExactlyInAnyOrderElementsOf(expected.get(type));
        });
    assertThat(listIds(api, workflowId)).isEmpty();
  }

  @Test
  void unknownTypeIs400NamingTheAllowedTypes() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("pigeon"));

    api.createTrigger(workflowId, TriggerBody.of("carrier_pigeon").named("coo"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("type")
        .jsonPath("$.errors[0].message")
        .value(message -> assertThat((String) message).contains("webhook, schedule, data_change"));
  }

  @Test
  void triggerIsReadUpdatedDisabledEnabledAndDeleted() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("lifecycle"));
    String id =
        (String) api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *")).get("id");

    api.getTrigger(workflowId, id).expectBody().jsonPath("$.name").isEqualTo("schedule trigger");
    api.replaceTrigger(workflowId, id, TriggerBody.schedule("0 * * * *").named("hourly"))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("hourly")
        .jsonPath("$.config.cron")
        .isEqualTo("0 * * * *");
    api.enableTrigger(workflowId, id, false)
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(false)
        .jsonPath("$.nextRunAt")
        .doesNotExist();
    assertThat(storedTrigger(id)).containsEntry("enabled", false);
    api.enableTrigger(workflowId, id, true).expectBody().jsonPath("$.enabled").isEqualTo(true);
    api.deleteTrigger(workflowId, id).expectStatus().isNoContent();
    api.getTrigger(workflowId, id).expectStatus().isNotFound();
    assertThat(storedTrigger(id)).isNull();
  }

  @Test
  void aDataChangeTriggerCannotBeUpdatedToWatchOneOfOutrunsOwnCollections() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("watching"));
    String id = (String) api.createdTrigger(workflowId, TriggerBody.dataChange("leads")).get("id");

    for (String own : List.of("trigger_events", "change_stream_positions", "workflow_stats")) {
      api.replaceTrigger(
              workflowId, id, TriggerBody.of("data_change").named("x").config("collection", own))
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("config.collection");
    }
    assertThat(storedTrigger(id).get("config"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("collection", "leads");
  }

  @Test
  void updateCannotChangeTheType() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("typed"));
    String id = (String) api.createdTrigger(workflowId, TriggerBody.manual()).get("id");

    api.replaceTrigger(workflowId, id, TriggerBody.schedule("0 2 * * *").named("x"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("type");
  }

  @Test
  void workspaceListFiltersByWorkflowAndType() {
    ApiClient api = owner();
    String first = api.createWorkflow(WorkflowBody.named("first"));
    String second = api.createWorkflow(WorkflowBody.named("second"));
    api.createdTrigger(first, TriggerBody.manual());
    api.createdTrigger(first, TriggerBody.interval(60));
    api.createdTrigger(second, TriggerBody.interval(60));
    ApiClient stranger = stranger();
    stranger.createdTrigger(
        stranger.createWorkflow(WorkflowBody.named("theirs")), TriggerBody.manual());

    assertThat(search(api, "/api/triggers")).hasSize(3);
    assertThat(search(api, "/api/triggers?type=schedule"))
        .extracting(t -> t.get("workflowId"))
        .containsExactlyInAnyOrder(first, second);
    assertThat(search(api, "/api/triggers?workflowId=" + first + "&type=manual")).hasSize(1);
    api.http().get().uri("/api/triggers?type=cron").exchange().expectStatus().isBadRequest();
  }

  @Test
  void schedulePreviewDescribesTheCronAndListsFiveRuns() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("preview"));

    api.http()
        .get()
        .uri(
            "/api/workflows/{id}/triggers/schedule/preview?cron={cron}&timezone=Europe/Berlin&from=2026-03-08T07:00:00Z",
            workflowId,
            "0 2 * * *")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.description")
        .isNotEmpty()
        .jsonPath("$.nextRuns.length()")
        .isEqualTo(5)
        .jsonPath("$.nextRuns[0]")
        .isEqualTo("2026-03-09T01:00:00Z")
        .jsonPath("$.nextRuns[4]")
        .isEqualTo("2026-03-13T01:00:00Z");
  }

  @Test
  void schedulePreviewRefusesBadCronZoneAndCount() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("bad preview"));
    String uri =
        "/api/workflows/{id}/triggers/schedule/preview?cron={cron}&timezone={zone}&count={count}";

    for (List<String> bad :
        List.of(
            List.of("not a cron", "UTC", "5", "cron"),
            List.of("0 2 * * *", "Mars/Olympus", "5", "timezone"),
            List.of("0 2 * * *", "UTC", "0", "count"),
            List.of("0 0 30 2 *", "UTC", "5", "cron"))) {
      api.http()
          .get()
          .uri(uri, workflowId, bad.get(0), bad.get(1), bad.get(2))
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo(bad.get(3));
    }
  }

  @Test
  void webhookLogsAreEmptyAtFirstThenNewestFirstAcrossBucketsForItsWorkspaceOnly() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("logged"));
    String id = (String) api.createdTrigger(workflowId, TriggerBody.of("webhook")).get("id");
    String uri = "/api/workflows/{wf}/triggers/{id}/webhook-logs";
    WebTestClient http = api.http();
    http.get().uri(uri, workflowId, id).exchange().expectBody().jsonPath("$.length()").isEqualTo(0);

    // Two listener flushes (buckets, entries oldest first) and one document of the older
    // one-request shape, written before the buckets; and a newer bucket of another workspace.
    Instant t0 = Instant.parse("2026-03-08T07:00:00Z");
    insertLog(webhookLog(id, t0, 0).append("triggerId", id).append("workspaceId", workspace));
    insertLog(bucket(id, workspace, t0, 1, 2, 3));
    insertLog(bucket(id, workspace, t0, 4, 5));
    insertLog(bucket(id, "someone-else", t0, 6));

    http.get()
        .uri(uri + "?limit=3", workflowId, id)
        .exchange()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(3)
        .jsonPath("$[0].runId")
        .isEqualTo("run-5")
        .jsonPath("$[0].receivedAt")
        .isEqualTo("2026-03-08T07:00:05Z")
        .jsonPath("$[0].method")
        .isEqualTo("POST")
        .jsonPath("$[0].path")
        .isEqualTo("/api/webhooks/" + id)
        .jsonPath("$[0].ip")
        .isEqualTo("203.0.113.7")
        .jsonPath("$[0].userAgent")
        .isEqualTo("curl/8")
        .jsonPath("$[0].status")
        .isEqualTo(202)
        .jsonPath("$[0].reason")
        .isEqualTo("accepted")
        .jsonPath("$[0].processingTimeMs")
        .isEqualTo(12)
        .jsonPath("$[0].triggerId")
        .doesNotExist()
        .jsonPath("$[1].runId")
        .isEqualTo("run-4")
        .jsonPath("$[2].runId")
        .isEqualTo("run-3");
    http.get()
        .uri(uri + "?limit=50", workflowId, id)
        .exchange()
        .expectBody()
        .jsonPath("$[*].runId")
        .isEqualTo(List.of("run-5", "run-4", "run-3", "run-2", "run-1", "run-0"));
  }

  private void insertLog(Document document) {
    mongo.insert(document, TriggerActivity.WEBHOOK_LOGS).block(TIMEOUT);
  }

  private static Document bucket(String triggerId, String workspaceId, Instant t0, int... seconds) {
    List<Document> entries = new ArrayList<>();
    for (int second : seconds) {
      entries.add(webhookLog(triggerId, t0, second));
    }
    return new Document("triggerId", triggerId)
        .append("workspaceId", workspaceId)
        .append("from", Date.from(t0.plusSeconds(seconds[0])))
        .append("to", Date.from(t0.plusSeconds(seconds[seconds.length - 1])))
        .append("count", entries.size())
        .append("entries", entries);
  }

  private static Document webhookLog(String triggerId, Instant t0, int second) {
    return new Document("receivedAt", Date.from(t0.plusSeconds(second)))
        .append("method", "POST")
        .append("path", "/api/webhooks/" + triggerId)
        .append("ip", "203.0.113.7")
        .append("userAgent", "curl/8")
        .append("status", 202)
        .append("reason", "accepted")
        .append("processingTimeMs", 12)
        .append("runId", "run-" + second);
  }

  @Test
  void triggersGaugeCountsEveryTypeAsStored() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("gauged"));
    api.createdTrigger(workflowId, TriggerBody.dataChange("orders"));
    api.createdTrigger(workflowId, TriggerBody.of("webhook"));

    // every type, those with no trigger too (0), as a count of the collection says
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              for (TriggerType type : TriggerConfigs.TYPES) {
                long stored =
                    mongo
                        .count(
                            Query.query(Criteria.where("type").is(type.wireName())),
                            Trigger.COLLECTION)
                        .block(TIMEOUT);
                assertThat(
                        meters
                            .get(ApiMetrics.TRIGGERS)
                            .tag(ApiMetrics.TRIGGER_TYPE, type.wireName())
                            .gauge()
                            .value())
                    .as(type.wireName())
                    .isEqualTo(stored);
              }
            });
  }

  @Test
  void anotherWorkspacesTriggerIsNotFoundOnEveryEndpointAndUnchanged() {
    ApiClient owner = owner();
    String workflowId = activeWorkflow(owner, "private");
    String id =
        (String)
            owner
                .createdTrigger(workflowId, TriggerBody.of("webhook").config("authType", "api_key"))
                .get("id");
    ApiClient strangerApi = stranger();
    WebTestClient stranger = strangerApi.http();
    String one = "/api/workflows/{wf}/triggers/{id}";

    strangerApi.listTriggers(workflowId).expectStatus().isNotFound();
    strangerApi.createTrigger(workflowId, TriggerBody.manual()).expectStatus().isNotFound();
    strangerApi.getTrigger(workflowId, id).expectStatus().isNotFound();
    strangerApi
        .replaceTrigger(workflowId, id, TriggerBody.of("webhook").named("mine now"))
        .expectStatus()
        .isNotFound();
    strangerApi.enableTrigger(workflowId, id, false).expectStatus().isNotFound();
    strangerApi.enableTrigger(workflowId, id, true).expectStatus().isNotFound();
    stranger.get().uri(one + "/history", workflowId, id).exchange().expectStatus().isNotFound();
    stranger
        .get()
        .uri(one + "/webhook-logs", workflowId, id)
        .exchange()
        .expectStatus()
        .isNotFound();
    strangerApi.post(one + "/fire", Map.of(), workflowId, id).expectStatus().isNotFound();
    strangerApi
        .post(
            one + "/backfill",
            Map.of("from", "2026-03-01T00:00:00Z", "to", "2026-03-02T00:00:00Z"),
            workflowId,
            id)
        .expectStatus()
        .isNotFound();
    stranger
        .post()
        .uri(one + "/rotate-secret", workflowId, id)
        .exchange()
        .expectStatus()
        .isNotFound();
    strangerApi.deleteTrigger(workflowId, id).expectStatus().isNotFound();
    stranger
        .get()
        .uri("/api/workflows/{wf}/triggers/schedule/preview?cron=0 2 * * *", workflowId)
        .exchange()
        .expectStatus()
        .isNotFound();
    strangerApi
        .post(
            "/api/workflows/{wf}/triggers/validate-dependency",
            Map.of("dependsOnWorkflowId", workflowId),
            workflowId)
        .expectStatus()
        .isNotFound();
    stranger
        .get()
        .uri("/api/workflows/{wf}/triggers/dependencies", workflowId)
        .exchange()
        .expectStatus()
        .isNotFound();
    assertThat(search(strangerApi, "/api/triggers")).isEmpty();
    assertThat(search(strangerApi, "/api/triggers?workflowId=" + workflowId)).isEmpty();

    Document stored = storedTrigger(id);
    assertThat(stored).containsEntry("name", "webhook trigger").containsEntry("enabled", true);
    assertThat(stored.getLong("triggerCount")).isZero();
  }

  private static List<Map<String, Object>> search(ApiClient api, String uri) {
    return api.http()
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBodyList(JSON)
        .returnResult()
        .getResponseBody();
  }

  private static List<String> listIds(ApiClient api, String workflowId) {
    return search(api, "/api/workflows/" + workflowId + "/triggers").stream()
        .map(t -> (String) t.get("id"))
        .toList();
  }
}
