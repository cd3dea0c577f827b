package io.outrun.local;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.infra.FreePorts;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Payloads over Kafka's 1 MiB record limit (issue 11, case 5), through the three services: the
 * listener and trigger-api store them aside, the runner reads them back, and the run's {@code
 * $trigger} holds all of it.
 */
class LargePayloadIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};
  private static final String LENGTH =
      "$trigger.body.text ? $length($trigger.body.text) : ($trigger.n ? $count($trigger.n) : 0)";

  private static OutrunServices services;
  private static WebTestClient api;
  private static WebTestClient listener;
  private static String token;

  @BeforeAll
  static void startServices() {
    TestInfra infra = TestInfra.shared();
    int apiPort = FreePorts.next();
    int listenerPort = FreePorts.next();
    services =
        OutrunServices.start(
            new OutrunServices.Settings(
                infra.kafkaBootstrapServers(),
                infra.mongoConnectionString(),
                "outrun-large-" + UUID.randomUUID().toString().substring(0, 8),
                apiPort,
                listenerPort,
                FreePorts.next(),
                "c2VjcmV0LWZvci10aGUtZW5kLXRvLWVuZC10ZXN0cy1vbmx5IQ==",
                "ZW5jcnlwdGlvbi1rZXktZm9yLWUyZS10ZXN0cy0zMmI="));
    api = client(apiPort);
    listener = client(listenerPort);
    token = devToken();
  }

  @AfterAll
  static void stopServices() {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void aFiveMegabyteWebhookBodyRunsWithAllOfItInItsTrigger() {
    String workflowId = deployedLengthWorkflow("large webhook");
    String triggerId = webhookTrigger(workflowId);
    String text = "x".repeat(5 * 1024 * 1024);

    String runId =
        await()
            .atMost(5, SECONDS)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> postWebhook(triggerId, Map.of("text", text)), id -> id != null);
    Map<String, Object> run = awaitFinishedRun(runId);

    assertThat(run).containsEntry("status", "completed");
    assertThat(lengthOutput(run)).isEqualTo(text.length());
    Map<?, ?> trigger = (Map<?, ?>) ((Map<?, ?>) run.get("triggeredBy")).get("payload");
    assertThat(((Map<?, ?>) trigger.get("body")).get("text")).isEqualTo(text);
  }

  @Test
  void aManualRunInputThatGrowsPastKafkasLimitRunsWithAllOfIt() {
    String workflowId = deployedLengthWorkflow("large input");
    int count = 190_000;
    String body = "{\"input\":{\"n\":[" + "1e9,".repeat(count - 1) + "1e9]}}";

    String runId =
        (String)
            api.post()
                .uri("/api/workflows/{id}/runs", workflowId)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("runId");
    Map<String, Object> run = awaitFinishedRun(runId);

    assertThat(run).containsEntry("status", "completed");
    assertThat(lengthOutput(run)).isEqualTo(count);
  }

  private static Object lengthOutput(Map<String, Object> run) {
    List<?> steps = (List<?>) run.get("steps");
    return ((Number) ((Map<?, ?>) steps.getFirst()).get("output")).intValue();
  }

  private static String deployedLengthWorkflow(String name) {
    Map<String, Object> node =
        Map.of(
            "id",
            "length",
            "type",
            "transform",
            "position",
            Map.of("x", 0, "y", 0),
            "data",
            Map.of("expression", LENGTH));
    String workflowId =
        (String)
            api.post()
                .uri("/api/workflows")
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "nodes", List.of(node), "edges", List.of()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
    String testRun =
        (String)
            api.post()
                .uri("/api/workflows/{id}/runs", workflowId)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("input", Map.of()))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("runId");
    assertThat(awaitFinishedRun(testRun)).containsEntry("status", "completed");
    api.post()
        .uri("/api/workflows/{id}/deploy", workflowId)
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk();
    return workflowId;
  }

  private static String webhookTrigger(String workflowId) {
    return (String)
        api.post()
            .uri("/api/workflows/{id}/triggers", workflowId)
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "type",
                    "webhook",
                    "name",
                    "inbound",
                    "enabled",
                    true,
                    "config",
                    Map.of("method", "POST", "authType", "none")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  /** The run id of a 202; null while the listener does not know the trigger yet (404). */
  private static String postWebhook(String triggerId, Map<String, Object> body) {
    var result =
        listener
            .post()
            .uri("/api/webhooks/{id}", triggerId)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectBody(JSON)
            .returnResult();
    return result.getStatus() == HttpStatus.ACCEPTED
        ? (String) result.getResponseBody().get("runId")
        : null;
  }

  private static Map<String, Object> awaitFinishedRun(String runId) {
    return await()
        .atMost(60, SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var result =
                  api.get()
                      .uri("/api/runs/{id}", runId)
                      .headers(h -> h.setBearerAuth(token))
                      .exchange()
                      .expectBody(JSON)
                      .returnResult();
              return result.getStatus() == HttpStatus.OK ? result.getResponseBody() : null;
            },
            run -> run != null && List.of("completed", "failed").contains(run.get("status")));
  }

  private static String devToken() {
    return (String)
        api.post()
            .uri("/api/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("userId", "e2e", "workspaceId", "ws-large"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody()
            .get("token");
  }

  private static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
        .build();
  }
}
