package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Every webhook request to a known trigger, accepted or not, ends up in {@code webhook_logs}. */
@ListenerSpringTest
class WebhookLogsIT {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SECRET = "s3cret-never-stored";
  private static final Set<String> BUCKET_KEYS =
      Set.of("_id", "triggerId", "workspaceId", "from", "to", "count", "entries");
  private static final Set<String> ACCEPTED_KEYS =
      Set.of(
          "receivedAt",
          "method",
          "path",
          "ip",
          "userAgent",
          "status",
          "reason",
          "processingTimeMs",
          "runId");

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @BeforeEach
  void waitForRegistry() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @Test
  void acceptedAndRejectedRequestsAreLoggedWithoutSecrets() {
    String triggerId = fireableWebhook();
    Instant before = Instant.now().minusSeconds(1);

    assertThat(send(HttpMethod.POST, triggerId).block(WAIT).value()).isEqualTo(202);
    assertThat(send(HttpMethod.GET, triggerId).block(WAIT).value()).isEqualTo(405);

    await().atMost(WAIT).until(() -> logs(triggerId).size() == 2);
    List<Document> logs = logs(triggerId);
    Document accepted = logs.stream().filter(d -> d.getInteger("status") == 202).findFirst().get();
    Document rejected = logs.stream().filter(d -> d.getInteger("status") == 405).findFirst().get();

    assertThat(accepted.keySet()).containsExactlyInAnyOrderElementsOf(ACCEPTED_KEYS);
    assertThat(StoredWebhookLogs.buckets(mongo, triggerId))
        .allSatisfy(
            bucket -> {
              assertThat(bucket.keySet()).containsExactlyInAnyOrderElementsOf(BUCKET_KEYS);
              assertThat(bucket.getString("workspaceId")).isEqualTo(StoredDocuments.WORKSPACE);
              assertThat(bucket.getInteger("count"))
                  .isEqualTo(bucket.getList("entries", Document.class).size());
            });
    assertThat(accepted.getString("method")).isEqualTo("POST");
    assertThat(accepted.getString("path")).isEqualTo("/api/webhooks/" + triggerId);
    assertThat(accepted.getString("ip")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(accepted.getString("userAgent")).isEqualTo("logs-it/1");
    assertThat(accepted.getString("reason")).isEqualTo(ListenerMetrics.OUTCOME_ACCEPTED);
    assertThat(accepted.getString("runId")).isNotBlank();
    assertThat(accepted.get("processingTimeMs", Number.class).longValue()).isNotNegative();
    assertThat(accepted.get("receivedAt", Date.class).toInstant()).isBetween(before, Instant.now());

    assertThat(rejected.keySet())
        .containsExactlyInAnyOrderElementsOf(
            ACCEPTED_KEYS.stream().filter(k -> !k.equals("runId")).toList());
    assertThat(rejected.getString("method")).isEqualTo("GET");
    assertThat(rejected.getString("reason")).isEqualTo(ListenerMetrics.OUTCOME_METHOD_NOT_ALLOWED);

    assertThat(StoredWebhookLogs.buckets(mongo, triggerId))
        .allSatisfy(d -> assertThat(d.toJson()).doesNotContain(SECRET));
  }

  @Test
  void manyRequestsGiveFarFewerWrites() {
    String triggerId = fireableWebhook();
    double before = writtenFlushes();
    int requests = 40;

    List<HttpStatusCode> answers =
        Flux.range(0, requests)
            .flatMap(i -> send(HttpMethod.POST, triggerId), requests)
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(answers).hasSize(requests);
    await().atMost(WAIT).until(() -> logs(triggerId).size() == requests);
    await().atMost(Duration.ofSeconds(5)).until(() -> writtenFlushes() > before);
    assertThat(writtenFlushes() - before).isBetween(1.0, 10.0);
    // One bucket per flush that had entries of this trigger, never one document per request.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> StoredWebhookLogs.buckets(mongo, triggerId).size() <= writtenFlushes() - before);
    assertThat(StoredWebhookLogs.buckets(mongo, triggerId)).hasSizeLessThan(requests);
  }

  @Test
  void oneWriteStoresEachTriggersEntriesInOneBucketOldestFirst() {
    Instant t0 = Instant.parse("2026-03-08T07:00:00Z");
    String a = "bucket-a-" + UUID.randomUUID();
    String b = "bucket-b-" + UUID.randomUUID();
    WebhookLogStore store = store(500);

    StepVerifier.create(
            store.write(
                List.of(
                    entry(a, t0.plusMillis(2)),
                    entry(b, t0),
                    entry(a, t0),
                    entry(a, t0.plusMillis(1)))))
        .verifyComplete();

    List<Document> bucketsOfA = StoredWebhookLogs.buckets(mongo, a);
    assertThat(bucketsOfA).hasSize(1);
    Document bucket = bucketsOfA.getFirst();
    assertThat(bucket.getInteger("count")).isEqualTo(3);
    assertThat(bucket.get("from", Date.class).toInstant()).isEqualTo(t0);
    assertThat(bucket.get("to", Date.class).toInstant()).isEqualTo(t0.plusMillis(2));
    assertThat(bucket.getList("entries", Document.class))
        .extracting(e -> e.get("receivedAt", Date.class).toInstant())
        .containsExactly(t0, t0.plusMillis(1), t0.plusMillis(2));
    assertThat(StoredWebhookLogs.buckets(mongo, b))
        .singleElement()
        .satisfies(only -> assertThat(only.getInteger("count")).isEqualTo(1));
  }

  @Test
  void moreEntriesThanTheBucketSizeMakeSeveralBuckets() {
    Instant t0 = Instant.parse("2026-03-08T08:00:00Z");
    String id = "bucket-many-" + UUID.randomUUID();
    List<WebhookLogEntry> seven =
        IntStream.range(0, 7).mapToObj(i -> entry(id, t0.plusSeconds(i))).toList();

    StepVerifier.create(store(3).write(seven)).verifyComplete();

    List<Document> buckets = StoredWebhookLogs.buckets(mongo, id);
    assertThat(buckets).extracting(d -> d.getInteger("count")).containsExactly(3, 3, 1);
    assertThat(buckets)
        .extracting(d -> d.get("to", Date.class).toInstant())
        .containsExactly(t0.plusSeconds(2), t0.plusSeconds(5), t0.plusSeconds(6));
    assertThat(StoredWebhookLogs.entries(mongo, id))
        .extracting(e -> e.get("receivedAt", Date.class).toInstant())
        .containsExactlyElementsOf(seven.stream().map(WebhookLogEntry::receivedAt).toList());
  }

  private WebhookLogStore store(int bucketSize) {
    return new MongoWebhookLogStore(
        mongo,
        new WebhookLogProperties(
            Duration.ofSeconds(1), 100, Duration.ofSeconds(1), false, bucketSize));
  }

  private static WebhookLogEntry entry(String triggerId, Instant receivedAt) {
    return new WebhookLogEntry(
        triggerId,
        StoredDocuments.WORKSPACE,
        receivedAt,
        "POST",
        "/api/webhooks/" + triggerId,
        "203.0.113.7",
        null,
        202,
        ListenerMetrics.OUTCOME_ACCEPTED,
        3,
        "run-" + receivedAt.toEpochMilli());
  }

  @Test
  void requestsToUnknownTriggersAreCountedNotStored() {
    String unknown = "no-such-" + UUID.randomUUID();
    double before = meters.counter(ListenerMetrics.WEBHOOK_LOGS_UNKNOWN_TRIGGER).count();

    assertThat(send(HttpMethod.POST, unknown).block(WAIT).value()).isEqualTo(404);

    assertThat(meters.counter(ListenerMetrics.WEBHOOK_LOGS_UNKNOWN_TRIGGER).count())
        .isEqualTo(before + 1);
    assertThat(logs(unknown)).isEmpty();
  }

  @Test
  void requestToADisabledTriggerIsLoggedWithItsReasonButAnsweredTheGeneric404() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.webhookTrigger(workflow.id()).enabled(false);
    insert("workflows", workflow.build());
    insert("triggers", trigger.build());
    await().atMost(WAIT).until(() -> registry.known(trigger.id()).isPresent());

    assertGeneric404(trigger.id());

    await().atMost(WAIT).until(() -> logs(trigger.id()).size() == 1);
    Document logged = logs(trigger.id()).getFirst();
    assertThat(logged.getInteger("status")).isEqualTo(404);
    assertThat(logged.getString("reason")).isEqualTo("trigger_disabled");
    assertThat(StoredWebhookLogs.buckets(mongo, trigger.id()).getFirst().getString("workspaceId"))
        .isEqualTo(StoredDocuments.WORKSPACE);
    assertThat(logged.containsKey("runId")).isFalse();
  }

  @Test
  void requestToATriggerOfAPausedWorkflowIsLoggedAsWorkflowInactive() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().status("paused");
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    insert("workflows", workflow.build());
    insert("triggers", trigger.build());
    await().atMost(WAIT).until(() -> registry.known(trigger.id()).isPresent());

    assertGeneric404(trigger.id());

    await().atMost(WAIT).until(() -> logs(trigger.id()).size() == 1);
    Document logged = logs(trigger.id()).getFirst();
    assertThat(logged.getInteger("status")).isEqualTo(404);
    assertThat(logged.getString("reason")).isEqualTo("workflow_inactive");
    assertThat(StoredWebhookLogs.buckets(mongo, trigger.id()).getFirst().getString("workspaceId"))
        .isEqualTo(StoredDocuments.WORKSPACE);
  }

  /** The very answer an unknown id gets: nothing tells the trigger exists. */
  private void assertGeneric404(String triggerId) {
    String unknown = answer("no-such-" + UUID.randomUUID());
    String known = answer(triggerId);
    assertThat(known.replace(triggerId, "<id>"))
        .isEqualTo(unknown.replaceAll("no-such-[0-9a-f-]+", "<id>"));
    assertThat(known).contains("\"status\":404");
  }

  private String answer(String triggerId) {
    return WebClient.create("http://localhost:" + port)
        .post()
        .uri("/api/webhooks/" + triggerId)
        .bodyValue("{}")
        .exchangeToMono(
            response ->
                response
                    .bodyToMono(String.class)
                    .map(
                        body ->
                            response.statusCode().value()
                                + " "
                                + response.headers().contentType().orElseThrow()
                                + " "
                                + body))
        .block(WAIT);
  }

  private void insert(String collection, Document document) {
    StepVerifier.create(mongo.insert(document, collection)).expectNextCount(1).verifyComplete();
  }

  private Mono<HttpStatusCode> send(HttpMethod method, String triggerId) {
    return WebClient.create("http://localhost:" + port)
        .method(method)
        .uri("/api/webhooks/" + triggerId + "?token=" + SECRET)
        .header("Authorization", "Bearer " + SECRET)
        .header("X-Hub-Signature-256", "sha256=" + SECRET)
        .header("X-Forwarded-For", "198.51.100.9")
        .header("User-Agent", "logs-it/1")
        .bodyValue("{\"password\":\"" + SECRET + "\"}")
        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()));
  }

  private List<Document> logs(String triggerId) {
    return StoredWebhookLogs.entries(mongo, triggerId);
  }

  private double writtenFlushes() {
    return meters
        .counter(
            ListenerMetrics.WEBHOOK_LOGS_FLUSHES,
            ListenerMetrics.OUTCOME,
            ListenerMetrics.OUTCOME_WRITTEN)
        .count();
  }

  private String fireableWebhook() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.webhookTrigger(workflow.id()).config("method", "POST");
    StepVerifier.create(mongo.insert(workflow.build(), "workflows"))
        .expectNextCount(1)
        .verifyComplete();
    StepVerifier.create(mongo.insert(trigger.build(), "triggers"))
        .expectNextCount(1)
        .verifyComplete();
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }
}
