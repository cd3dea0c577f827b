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
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Accepted webhooks show in their trigger's {@code triggerCount} and {@code lastTriggeredAt}. */
@ListenerSpringTest
class WebhookTriggerCountsIT {

  private static final int REQUESTS = 50;

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @BeforeEach
  void waitForRegistry() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @Test
  void acceptedWebhooksAreCountedWithFarFewerWritesThanRequests() {
    String triggerId = fireableWebhook();
    double flushesBefore = writtenFlushes();
    Instant start = Instant.now();

    List<HttpStatusCode> answers =
        Flux.range(0, REQUESTS)
            .flatMap(i -> post(triggerId), REQUESTS)
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(answers).hasSize(REQUESTS).allMatch(HttpStatusCode::is2xxSuccessful);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(stored(triggerId).get("triggerCount", Number.class).longValue())
                    .isEqualTo(REQUESTS));
    Document trigger = stored(triggerId);
    assertThat(trigger.get("lastTriggeredAt", Date.class).toInstant())
        .isAfterOrEqualTo(start.minusSeconds(1))
        .isBeforeOrEqualTo(Instant.now());
    // The counter moves just after Mongo has the write; wait for it rather than race it.
    await().atMost(Duration.ofSeconds(5)).until(() -> writtenFlushes() > flushesBefore);
    double flushes = writtenFlushes() - flushesBefore;
    assertThat(flushes).isBetween(1.0, 10.0);
  }

  @Test
  void aLaterLastTriggeredAtIsNotMovedBack() {
    String triggerId = fireableWebhook();
    Date later = Date.from(Instant.now().plus(Duration.ofDays(1)));
    StepVerifier.create(
            mongo.updateFirst(
                Query.query(Criteria.where("_id").is(triggerId)),
                Update.update("lastTriggeredAt", later),
                "triggers"))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(post(triggerId).block(Duration.ofSeconds(15)).is2xxSuccessful()).isTrue();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(stored(triggerId).get("triggerCount", Number.class).longValue())
                    .isEqualTo(1));
    assertThat(stored(triggerId).get("lastTriggeredAt", Date.class)).isEqualTo(later);
  }

  private Mono<HttpStatusCode> post(String triggerId) {
    return WebClient.create("http://localhost:" + port)
        .post()
        .uri("/api/webhooks/" + triggerId)
        .bodyValue("{}")
        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()));
  }

  private double writtenFlushes() {
    return meters
        .counter(
            ListenerMetrics.TRIGGER_ACTIVITY_FLUSHES,
            ListenerMetrics.OUTCOME,
            ListenerMetrics.OUTCOME_WRITTEN)
        .count();
  }

  private String fireableWebhook() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    StepVerifier.create(mongo.insert(workflow.build(), "workflows"))
        .expectNextCount(1)
        .verifyComplete();
    StepVerifier.create(mongo.insert(trigger.build(), "triggers"))
        .expectNextCount(1)
        .verifyComplete();
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }

  private Document stored(String triggerId) {
    return mongo
        .findOne(Query.query(Criteria.where("_id").is(triggerId)), Document.class, "triggers")
        .block(Duration.ofSeconds(5));
  }
}
