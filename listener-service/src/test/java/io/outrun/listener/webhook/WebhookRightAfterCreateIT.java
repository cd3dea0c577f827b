package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A webhook called right after its trigger is written, before the registry's change stream could
 * bring it, is accepted on the first call: the listener reads an id it does not know from MongoDB
 * before answering 404. Measures create-to-accepted.
 */
@ListenerSpringTest
class WebhookRightAfterCreateIT {

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @LocalServerPort int port;

  private WebTestClient http;

  @BeforeEach
  void ready() {
    http = WebhookFixtures.client(port);
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  /** One accepted call first, so the measurement holds no first connection or class loading. */
  private void warmUp() {
    WebhookFixtures.Trigger warm = new WebhookFixtures(mongo, registry).fireable(Map.of());
    call(warm.id()).expectStatus().isAccepted();
  }

  private WebTestClient.ResponseSpec call(String triggerId) {
    return http.post()
        .uri("/api/webhooks/{id}", triggerId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"n\":1}")
        .exchange();
  }

  @Test
  void theFirstCallRightAfterTheTriggerIsCreatedIsAccepted() {
    warmUp();
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    mongo.insert(workflow.build(), "workflows").block(Duration.ofSeconds(10));
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());

    long created = System.nanoTime();
    mongo.insert(trigger.build(), "triggers").block(Duration.ofSeconds(10));
    Map<String, Object> body =
        call(trigger.id())
            .expectStatus()
            .isAccepted()
            .expectBody(
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    Duration createToAccepted = Duration.ofNanos(System.nanoTime() - created);

    System.out.printf("Webhook create-to-accepted: %d ms%n", createToAccepted.toMillis());
    assertThat(body).containsKey("runId");
    assertThat(createToAccepted).isLessThan(Duration.ofSeconds(1));
  }
}
