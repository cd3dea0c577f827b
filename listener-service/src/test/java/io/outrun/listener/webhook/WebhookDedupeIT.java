package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.Topics;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/**
 * Issue 5, dedupe: a delivery id seen before for the same trigger returns the first run id and
 * publishes nothing. Counted on Kafka: after the repeat, a marker request with another delivery id
 * goes to the same workflow; run requests are keyed by workflow id, so a repeat that had been
 * published would sit between the first request and the marker.
 */
@ListenerSpringTest
class WebhookDedupeIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @LocalServerPort int port;

  @BeforeEach
  void waitForRegistry() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook-id", "X-GitHub-Delivery", "Idempotency-Key"})
  void repeatedDeliveryReturnsTheFirstRunAndPublishesOnce(String header) {
    Fireable trigger = fireableWebhook();
    String deliveryId = "delivery-" + UUID.randomUUID();

    String first = runId(post(trigger.id(), header, deliveryId));
    String repeat = runId(post(trigger.id(), header, deliveryId));
    String marker = runId(post(trigger.id(), header, "marker-" + UUID.randomUUID()));

    assertThat(repeat).isEqualTo(first);
    assertThat(marker).isNotEqualTo(first);
    List<String> published = runIdsOnKafka(trigger.workflowId(), 2);
    assertThat(published).containsExactly(first, marker);
  }

  @Test
  void repeatIsLoggedAsADuplicateAndNotCountedAsAFire() {
    Fireable trigger = fireableWebhook();

    String first = runId(post(trigger.id(), "webhook-id", "msg_1"));
    runId(post(trigger.id(), "webhook-id", "msg_1"));
    runId(post(trigger.id(), "webhook-id", "msg_2"));

    await().atMost(WAIT).until(() -> logs(trigger.id()).size() == 3);
    List<Document> logs = logs(trigger.id());
    assertThat(logs).extracting(d -> d.getInteger("status")).containsOnly(202);
    assertThat(logs)
        .filteredOn(d -> first.equals(d.getString("runId")))
        .extracting(d -> d.getString("reason"))
        .containsExactlyInAnyOrder(
            ListenerMetrics.OUTCOME_ACCEPTED, ListenerMetrics.OUTCOME_DUPLICATE);
    // Fires are written in batches; once the marker is counted, an earlier duplicate would be too.
    await().atMost(WAIT).until(() -> triggerCount(trigger.id()) >= 2);
    assertThat(triggerCount(trigger.id())).isEqualTo(2);
  }

  @Test
  void sameDeliveryIdOnTwoTriggersStartsTwoRuns() {
    Fireable one = fireableWebhook();
    Fireable other = fireableWebhook();

    String first = runId(post(one.id(), "webhook-id", "msg_shared"));
    String second = runId(post(other.id(), "webhook-id", "msg_shared"));

    assertThat(second).isNotEqualTo(first);
    assertThat(runIdsOnKafka(one.workflowId(), 1)).containsExactly(first);
    assertThat(runIdsOnKafka(other.workflowId(), 1)).containsExactly(second);
  }

  private record Fireable(String id, String workflowId) {}

  private Fireable fireableWebhook() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    insert("workflows", workflow.build());
    insert("triggers", trigger.build());
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(trigger.id()).isPresent());
    return new Fireable(trigger.id(), workflow.id());
  }

  private Map<String, Object> post(String triggerId, String header, String deliveryId) {
    return WebClient.create("http://localhost:" + port)
        .post()
        .uri("/api/webhooks/" + triggerId)
        .contentType(MediaType.APPLICATION_JSON)
        .header(header, deliveryId)
        .bodyValue("{\"lead\":\"Ada\"}")
        .exchangeToMono(
            response -> {
              assertThat(response.statusCode().value()).isEqualTo(202);
              return response.bodyToMono(Map.class).map(body -> (Map<String, Object>) body);
            })
        .block(WAIT);
  }

  private static String runId(Map<String, Object> accepted) {
    assertThat(accepted).containsEntry("success", true);
    return (String) accepted.get("runId");
  }

  /** The run ids of the first {@code count} run requests of this workflow, in Kafka's order. */
  private static List<String> runIdsOnKafka(String workflowId, int count) {
    List<ConsumerRecord<String, byte[]>> records =
        new RawKafka(TestInfra.shared().kafkaBootstrapServers())
            .read(Topics.RUN_REQUESTS, workflowId, count, WAIT);
    return records.stream().map(WebhookDedupeIT::runIdOf).toList();
  }

  private static String runIdOf(ConsumerRecord<String, byte[]> record) {
    String json = new String(record.value(), StandardCharsets.UTF_8);
    return Document.parse(json).getString("runId");
  }

  private List<Document> logs(String triggerId) {
    return StoredWebhookLogs.entries(mongo, triggerId);
  }

  private long triggerCount(String triggerId) {
    Document trigger =
        mongo
            .findOne(Query.query(Criteria.where("_id").is(triggerId)), Document.class, "triggers")
            .block(WAIT);
    return trigger.get("triggerCount", Number.class).longValue();
  }

  private void insert(String collection, Document document) {
    StepVerifier.create(mongo.insert(document, collection)).expectNextCount(1).verifyComplete();
  }
}
