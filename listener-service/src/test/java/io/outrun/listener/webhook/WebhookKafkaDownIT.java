package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.infra.FreePorts;
import io.outrun.infra.KraftBroker;
import io.outrun.listener.ListenerApplication;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.testing.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Issue 5, "Kafka stopped → 503, not 202": a real listener application on a Kafka broker of its
 * own. While that broker is stopped a webhook answers 503 with {@code Retry-After}, soon (bounded
 * by {@code publish-timeout}, not the producer's own timeouts), and never 202; once the broker is
 * back on the same port and data, webhooks are accepted again. A delivery answered 503 is not
 * remembered as accepted: its retry is published (202), and only a repeat of that is a duplicate.
 */
class WebhookKafkaDownIT {

  /** The listener's bound on the wait for Kafka's acknowledgement. */
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(1);

  /** Generous, but far below a hang (the producer's own timeouts are 5 s and more). */
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(4);

  @TempDir Path kafkaDir;

  private final int kafkaPort = FreePorts.next();
  private final int controllerPort = FreePorts.next();
  private final String database = "kafka-down-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void webhookAnswers503WhileKafkaIsStoppedAnd202OnceItIsBack() throws Exception {
    KraftBroker kafka = startKafka();
    try (ConfigurableApplicationContext listener = listener(kafka)) {
      TriggerRegistry registry = listener.getBean(TriggerRegistry.class);
      await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
      String triggerId = fireableWebhook(listener, registry);
      URI webhook = URI.create("http://localhost:" + port(listener) + "/api/webhooks/" + triggerId);

      // Stopped before the first webhook: the producer has no metadata and would wait for it.
      kafka.close();
      kafka = null;
      answersUnavailableSoon(webhook, "no metadata yet");

      kafka = startKafka();
      acceptedAgain(webhook);

      // Stopped again, now that the producer knows the topic and its leader.
      kafka.close();
      kafka = null;
      answersUnavailableSoon(webhook, "metadata cached");
      String deliveryId = "delivery-" + UUID.randomUUID();
      assertThat(post(webhook, deliveryId).statusCode()).isEqualTo(503);

      kafka = startKafka();
      acceptedAgain(webhook);
      // the delivery answered 503 was not remembered: its retry is published, then remembered
      double duplicates = duplicates(listener);
      HttpResponse<String> retry = post(webhook, deliveryId);
      assertThat(retry.statusCode()).isEqualTo(202);
      assertThat(duplicates(listener)).isEqualTo(duplicates);
      HttpResponse<String> repeat = post(webhook, deliveryId);
      assertThat(repeat.statusCode()).isEqualTo(202);
      assertThat(repeat.body()).isEqualTo(retry.body());
      assertThat(duplicates(listener)).isEqualTo(duplicates + 1);
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  /** 503 with {@code Retry-After}, within the publish timeout and a little, never 202. */
  private void answersUnavailableSoon(URI webhook, String phase) throws Exception {
    for (int i = 0; i < 3; i++) {
      long started = System.nanoTime();
      HttpResponse<String> response = post(webhook);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf(
          "Kafka stopped (%s): webhook answered %d in %d ms%n",
          phase, response.statusCode(), took.toMillis());
      assertThat(response.statusCode()).as("Kafka is stopped: never 202").isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(took).isLessThan(ANSWER_BOUND);
    }
  }

  /** Once the broker is back, a webhook is accepted again; until then only 503. */
  private void acceptedAgain(URI webhook) {
    long restarted = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              int status = post(webhook).statusCode();
              assertThat(status).as("while Kafka comes back").isIn(202, 503);
              return status == 202;
            });
    System.out.printf(
        "Kafka restarted: webhook accepted again after %d ms%n",
        Duration.ofNanos(System.nanoTime() - restarted).toMillis());
  }

  /** Started on the same port and data directory each time. */
  private KraftBroker startKafka() {
    return KraftBroker.start(kafkaDir, kafkaPort, controllerPort, 1);
  }

  private ConfigurableApplicationContext listener(KraftBroker kafka) {
    // arguments, not builder properties: those are defaults that application.yml overrides
    return new SpringApplicationBuilder(ListenerApplication.class)
        .run(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "--spring.mongodb.uri=" + TestInfra.shared().mongoConnectionString(),
            "--spring.mongodb.database=" + database,
            "--outrun.kafka.topic-partitions=1",
            "--outrun.listener.webhook.publish-timeout=" + PUBLISH_TIMEOUT.toMillis() + "ms");
  }

  private static String fireableWebhook(
      ConfigurableApplicationContext listener, TriggerRegistry registry) {
    ReactiveMongoTemplate mongo = listener.getBean(ReactiveMongoTemplate.class);
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    insert(mongo, "workflows", workflow.build());
    insert(mongo, "triggers", trigger.build());
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }

  private static void insert(ReactiveMongoTemplate mongo, String collection, Document document) {
    mongo.insert(document, collection).block(Duration.ofSeconds(10));
  }

  private static int port(ConfigurableApplicationContext listener) {
    return listener.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private HttpResponse<String> post(URI webhook) throws Exception {
    return client.send(request(webhook).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI webhook, String deliveryId) throws Exception {
    return client.send(
        request(webhook).header("Idempotency-Key", deliveryId).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(URI webhook) {
    return HttpRequest.newBuilder(webhook)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"lead\":\"Ada\"}"));
  }

  /** Webhooks answered from the listener's memory of accepted deliveries. */
  private static double duplicates(ConfigurableApplicationContext listener) {
    return listener
        .getBean(MeterRegistry.class)
        .counter(
            ListenerMetrics.WEBHOOK_REQUESTS,
            ListenerMetrics.OUTCOME,
            ListenerMetrics.OUTCOME_DUPLICATE,
            ListenerMetrics.STATUS,
            "202")
        .count();
  }
}
