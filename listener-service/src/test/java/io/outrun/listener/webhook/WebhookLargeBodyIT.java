package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.listener.WebhookSecretFixtures;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.service.claimcheck.RunPayloads;
import io.outrun.service.claimcheck.StoredPayload;
import io.outrun.testing.TestInfraInitializer;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies between Kafka's 1 MiB record limit and the 10 MB body limit (the default, which the other
 * listener tests lower): accepted, the payload stored aside and the record carrying a reference.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "outrun.listener.webhook.encryption-key=" + WebhookSecretFixtures.ENCRYPTION_KEY,
      "outrun.listener.schedule.enabled=false"
    })
@ContextConfiguration(initializers = TestInfraInitializer.class)
class WebhookLargeBodyIT {

  private static final int FIVE_MB = 5 * 1024 * 1024;

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @Autowired RunPayloads payloads;
  @LocalServerPort int port;

  private WebhookFixtures fixtures;
  private WebTestClient http;

  @BeforeEach
  void fixtures() {
    fixtures = new WebhookFixtures(mongo, registry);
    http = WebhookFixtures.client(port);
  }

  @Test
  void aFiveMegabyteBodyIsAcceptedAndItsRecordOnlyNamesThePayloadStoredAside() {
    WebhookFixtures.Trigger trigger = fixtures.fireable(Map.of());
    String text = "lead-".repeat(FIVE_MB / 5);
    String body = "{\"\\u0000\":1,\"$set\":{\"a.b\":2},\"text\":\"" + text + "\"}";

    String runId =
        (String)
            http.post()
                .uri(trigger.path())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("runId");

    ConsumerRecord<String, byte[]> record = fixtures.record(trigger.workflowId(), runId);
    assertThat(record.value().length).isLessThan(2048);
    RunRequested request = fixtures.decode(record.value());
    assertThat(request.triggeredBy().payload()).isEmpty();
    assertThat(request.triggeredBy().payloadRef().id()).isEqualTo(request.eventId());
    StoredPayload stored = payloads.find(request.triggeredBy().payloadRef()).block();
    assertThat(stored).isInstanceOf(StoredPayload.Found.class);
    Map<String, Object> payload = ((StoredPayload.Found) stored).payload();
    assertThat(payload).containsEntry("method", "POST").containsEntry("path", trigger.path());
    assertThat(payload.get("body"))
        .isEqualTo(JsonMapper.builder().build().readValue(body, Map.class));
  }

  @Test
  void aBodyOverTheTenMegabyteLimitIsStill413() {
    WebhookFixtures.Trigger trigger = fixtures.fireable(Map.of());

    http.post()
        .uri(trigger.path())
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("x".repeat(10 * 1024 * 1024 + 1))
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void aTenMegabyteTextBodyIsAccepted() {
    WebhookFixtures.Trigger trigger = fixtures.fireable(Map.of());

    http.post()
        .uri(trigger.path())
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("x".repeat(10 * 1024 * 1024))
        .exchange()
        .expectStatus()
        .isAccepted();
  }
}
