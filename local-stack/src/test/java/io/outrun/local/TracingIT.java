package io.outrun.local;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.Topics;
import io.outrun.infra.FreePorts;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One trace from the HTTP request that causes a run (a manual run on trigger-api, a webhook on the
 * listener) through the run request on Kafka to the runner: the run document, the run-completed
 * record's headers and the runner's log lines of the run all name the trace id of the incoming
 * {@code traceparent}; a request without one gets a trace of its own.
 */
class TracingIT {

  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};
  private static final String RUN_LOG = "io.outrun.runner.engine.RunLifecycle";
  private static final String LOG_NODE = "io.outrun.runner.node.LogNode";

  private static OutrunServices services;
  private static WebTestClient api;
  private static WebTestClient listener;
  private static RawKafka kafka;
  private static RunLogLines logLines;
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
                "outrun-trace-" + UUID.randomUUID().toString().substring(0, 8),
                apiPort,
                listenerPort,
                FreePorts.next(),
                "c2VjcmV0LWZvci10aGUtZW5kLXRvLWVuZC10ZXN0cy1vbmx5IQ==",
                "ZW5jcnlwdGlvbi1rZXktZm9yLWUyZS10ZXN0cy0zMmI="));
    api = client(apiPort);
    listener = client(listenerPort);
    kafka = new RawKafka(infra.kafkaBootstrapServers());
    logLines = RunLogLines.of(RUN_LOG, LOG_NODE);
    token = devToken();
  }

  @AfterAll
  static void stopServices() {
    if (logLines != null) {
      logLines.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void aManualRunContinuesTheTraceOfItsRequest() {
    String workflowId = createWorkflow("traced manual run");
    String traceId = newTraceId();

    String runId = startRun(workflowId, h -> h.set("traceparent", traceparent(traceId)));

    assertTraced(workflowId, runId, traceId);
  }

  @Test
  void aWebhookRunContinuesTheTraceOfTheWebhookRequest() {
    String workflowId = createWorkflow("traced webhook run");
    awaitFinishedRun(startRun(workflowId, h -> {}));
    deploy(workflowId);
    String triggerId = createWebhook(workflowId);
    String traceId = newTraceId();

    String runId = awaitWebhookAccepted(triggerId, traceparent(traceId));

    assertTraced(workflowId, runId, traceId);
  }

  @Test
  void aRunRequestedWithoutTraceparentGetsAFreshTrace() {
    String workflowId = createWorkflow("untraced manual run");

    String runId = startRun(workflowId, h -> {});
    Map<String, Object> run = awaitFinishedRun(runId);

    assertThat((String) run.get("traceId")).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertTraced(workflowId, runId, (String) run.get("traceId"));
  }

  private static void assertTraced(String workflowId, String runId, String traceId) {
    Map<String, Object> run = awaitFinishedRun(runId);
    assertThat(run).containsEntry("status", "completed").containsEntry("traceId", traceId);

    ConsumerRecord<String, byte[]> completion = completionOf(workflowId, runId);
    assertThat(RawKafka.header(completion, "traceparent"))
        .startsWith("00-" + traceId + "-")
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    List<RunLogLines.Line> lines =
        await().atMost(10, SECONDS).until(() -> logLines.ofRun(runId), found -> found.size() >= 2);
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.mdc()).containsEntry("traceId", traceId))
        .anySatisfy(line -> assertThat(line.message()).contains(runId, "completed"))
        .anySatisfy(line -> assertThat(line.message()).contains(runId, "node say: hello"));
  }

  private static ConsumerRecord<String, byte[]> completionOf(String workflowId, String runId) {
    return await()
        .atMost(20, SECONDS)
        .until(
            () ->
                kafka.readAll(Topics.RUN_COMPLETIONS, workflowId).stream()
                    .filter(
                        record ->
                            new String(record.value(), StandardCharsets.UTF_8).contains(runId))
                    .findFirst()
                    .orElse(null),
            record -> record != null);
  }

  private static String newTraceId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] |= 1; // never all zeros
    return HexFormat.of().formatHex(bytes);
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-00f067aa0ba902b7-01";
  }

  private static String createWorkflow(String name) {
    Map<String, Object> workflow =
        Map.of(
            "name",
            name,
            "nodes",
            List.of(
                Map.of(
                    "id",
                    "say",
                    "type",
                    "log",
                    "position",
                    Map.of("x", 0, "y", 0),
                    "data",
                    Map.of("message", "hello"))),
            "edges",
            List.of());
    return (String) post(api, "/api/workflows", workflow, HttpStatus.CREATED).get("id");
  }

  private static void deploy(String workflowId) {
    api.post()
        .uri("/api/workflows/{id}/deploy", workflowId)
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk();
  }

  private static String createWebhook(String workflowId) {
    Map<String, Object> trigger =
        Map.of(
            "type",
            "webhook",
            "name",
            "inbound",
            "enabled",
            true,
            "config",
            Map.of("method", "POST", "authType", "none"));
    return (String)
        post(api, "/api/workflows/" + workflowId + "/triggers", trigger, HttpStatus.CREATED)
            .get("id");
  }

  private static String startRun(String workflowId, Consumer<HttpHeaders> headers) {
    return (String)
        api.post()
            .uri("/api/workflows/{id}/runs", workflowId)
            .headers(h -> h.setBearerAuth(token))
            .headers(headers)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("input", Map.of()))
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  /** The listener picks a new trigger up from its change stream: poll until it answers 202. */
  private static String awaitWebhookAccepted(String triggerId, String traceparent) {
    return await()
        .atMost(10, SECONDS)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              var result =
                  listener
                      .post()
                      .uri("/api/webhooks/{id}", triggerId)
                      .header("traceparent", traceparent)
                      .contentType(MediaType.APPLICATION_JSON)
                      .bodyValue(Map.of("name", "Grace"))
                      .exchange()
                      .expectBody(JSON)
                      .returnResult();
              return result.getStatus() == HttpStatus.ACCEPTED
                  ? (String) result.getResponseBody().get("runId")
                  : null;
            },
            runId -> runId != null);
  }

  private static Map<String, Object> awaitFinishedRun(String runId) {
    return await()
        .atMost(20, SECONDS)
        .pollInterval(Duration.ofMillis(100))
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

  private static Map<String, Object> post(
      WebTestClient client, String path, Object body, HttpStatus expected) {
    return client
        .post()
        .uri(path)
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(expected)
        .expectBody(JSON)
        .returnResult()
        .getResponseBody();
  }

  private static String devToken() {
    return (String)
        api.post()
            .uri("/api/dev/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("userId", "trace", "workspaceId", "ws-trace"))
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
        .responseTimeout(Duration.ofSeconds(10))
        .build();
  }
}
