package io.outrun.local;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.outrun.infra.FreePorts;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The three services as the local stack runs them (one JVM, three contexts) on the shared test
 * Kafka and MongoDB, under topics of their own, and the calls the local-stack tests make through
 * their HTTP APIs, as a user with curl would, signed in to one workspace with a dev token.
 */
final class StackFixture implements AutoCloseable {

  static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};
  static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
      new ParameterizedTypeReference<>() {};

  private static final Duration RUN_WAIT = Duration.ofSeconds(60);

  final OutrunServices.Settings settings;
  final WebTestClient api;
  final WebTestClient listener;
  final WebTestClient runner;
  final String token;
  private final OutrunServices services;
  private final RecentWarnings warnings;

  private StackFixture(
      OutrunServices.Settings settings,
      OutrunServices services,
      RecentWarnings warnings,
      String workspace) {
    this.settings = settings;
    this.services = services;
    this.warnings = warnings;
    this.api = client(settings.apiPort());
    this.listener = client(settings.listenerPort());
    this.runner = client(settings.runnerPort());
    this.token = devToken(workspace);
  }

  /** Starts the services on a database of their own, signed in to {@code workspace}. */
  static StackFixture start(String name, String workspace) {
    return start(settings(name), workspace);
  }

  static StackFixture start(OutrunServices.Settings settings, String workspace) {
    OutrunServices services = OutrunServices.start(settings);
    // after the start: each service's start resets logging, and with it appenders added before
    return new StackFixture(settings, services, RecentWarnings.capture(), workspace);
  }

  /** Settings for a stack of its own on the shared infrastructure, on free ports. */
  static OutrunServices.Settings settings(String name) {
    TestInfra infra = TestInfra.shared();
    return new OutrunServices.Settings(
        infra.kafkaBootstrapServers(),
        infra.mongoConnectionString(),
        "outrun-" + name + "-" + UUID.randomUUID().toString().substring(0, 8),
        FreePorts.next(),
        FreePorts.next(),
        FreePorts.next(),
        "c2VjcmV0LWZvci10aGUtZW5kLXRvLWVuZC10ZXN0cy1vbmx5IQ==",
        "ZW5jcnlwdGlvbi1rZXktZm9yLWUyZS10ZXN0cy0zMmI=");
  }

  String devToken(String workspaceId) {
    return (String)
        json(api.post()
                .uri("/api/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userId", "e2e", "workspaceId", workspaceId))
                .exchange()
                .expectStatus()
                .isOk())
            .get("token");
  }

  static Map<String, Object> node(String id, String type, Map<String, Object> data) {
    return Map.of("id", id, "type", type, "position", Map.of("x", 0, "y", 0), "data", data);
  }

  static Map<String, Object> edge(String id, String source, String target) {
    return Map.of("id", id, "source", source, "target", target);
  }

  String createWorkflow(String name, List<Map<String, Object>> nodes) {
    return createWorkflow(name, nodes, List.of());
  }

  String createWorkflow(
      String name, List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {
    return (String)
        json(authorized(api.post().uri("/api/workflows"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name, "nodes", nodes, "edges", edges))
                .exchange()
                .expectStatus()
                .isCreated())
            .get("id");
  }

  /** A manual run (202): its run id. */
  String startRun(String workflowId, Map<String, Object> input) {
    return startRun(workflowId, input, headers -> {});
  }

  String startRun(String workflowId, Map<String, Object> input, Consumer<HttpHeaders> headers) {
    return (String)
        json(authorized(api.post().uri("/api/workflows/{id}/runs", workflowId))
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("input", input))
                .exchange()
                .expectStatus()
                .isAccepted())
            .get("runId");
  }

  /**
   * The run once it has completed or failed; if it does not end in time, the failure names the
   * services' last warnings.
   */
  Map<String, Object> awaitFinishedRun(String runId) {
    try {
      return await()
          .atMost(RUN_WAIT)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                var result =
                    authorized(api.get().uri("/api/runs/{id}", runId))
                        .exchange()
                        .expectBody(JSON)
                        .returnResult();
                return result.getStatus() == HttpStatus.OK ? result.getResponseBody() : null;
              },
              run -> run != null && List.of("completed", "failed").contains(run.get("status")));
    } catch (ConditionTimeoutException notEnded) {
      throw new AssertionError(
          "run "
              + runId
              + " did not end within "
              + RUN_WAIT
              + "; the services' last warnings:\n"
              + warnings.describe(),
          notEnded);
    }
  }

  /** Deploys the draft after the completed test run (with {@code testInput}) deploying needs. */
  void deploy(String workflowId, Map<String, Object> testInput) {
    Map<String, Object> testRun = awaitFinishedRun(startRun(workflowId, testInput));
    if (!"completed".equals(testRun.get("status"))) {
      throw new AssertionError("the test run before deploying failed: " + testRun);
    }
    authorized(api.post().uri("/api/workflows/{id}/deploy", workflowId))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("active");
  }

  /** A trigger of the workflow (201): its id. */
  String createTrigger(String workflowId, Map<String, Object> trigger) {
    return (String) createTriggerResponse(workflowId, trigger).get("id");
  }

  Map<String, Object> createTriggerResponse(String workflowId, Map<String, Object> trigger) {
    return json(
        authorized(api.post().uri("/api/workflows/{id}/triggers", workflowId))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(trigger)
            .exchange()
            .expectStatus()
            .isCreated());
  }

  /** An unauthenticated webhook trigger for {@code POST}, with {@code extra} config. */
  String createWebhook(String workflowId, Map<String, Object> extra) {
    Map<String, Object> config =
        new java.util.HashMap<>(Map.of("method", "POST", "authType", "none"));
    config.putAll(extra);
    return createTrigger(
        workflowId,
        Map.of("type", "webhook", "name", "inbound", "enabled", true, "config", config));
  }

  /**
   * Posts to the webhook until a listener that has just learnt of the trigger answers 202: the run
   * id.
   */
  String awaitWebhookAccepted(
      String triggerId, Map<String, Object> body, Consumer<HttpHeaders> headers) {
    return await()
        .atMost(10, SECONDS)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              var result =
                  listener
                      .post()
                      .uri("/api/webhooks/{id}", triggerId)
                      .headers(headers)
                      .contentType(MediaType.APPLICATION_JSON)
                      .bodyValue(body)
                      .exchange()
                      .expectBody(JSON)
                      .returnResult();
              return result.getStatus() == HttpStatus.ACCEPTED
                  ? (String) result.getResponseBody().get("runId")
                  : null;
            },
            runId -> runId != null);
  }

  <S extends WebTestClient.RequestHeadersSpec<?>> S authorized(S spec) {
    spec.headers(h -> h.setBearerAuth(token));
    return spec;
  }

  static Map<String, Object> json(WebTestClient.ResponseSpec spec) {
    return spec.expectBody(JSON).returnResult().getResponseBody();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Map<String, Object> run) {
    return (List<Map<String, Object>>) run.get("steps");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static WebTestClient client(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://localhost:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
        .build();
  }

  @Override
  public void close() {
    try {
      services.close();
    } finally {
      warnings.close();
    }
  }
}
