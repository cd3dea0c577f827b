package io.outrun.local;

import static io.outrun.local.StackFixture.JSON;
import static io.outrun.local.StackFixture.LIST;
import static io.outrun.local.StackFixture.map;
import static io.outrun.local.StackFixture.node;
import static io.outrun.local.StackFixture.steps;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The three services as the local stack runs them (one JVM, three contexts), against the real
 * servers, driven only through their HTTP APIs, as a user with curl would.
 */
class EndToEndIT {

  private static StackFixture stack;
  private static WebTestClient api;
  private static WebTestClient listener;
  private static WebTestClient runner;
  private static String token;

  @BeforeAll
  static void startServices() {
    stack = StackFixture.start("e2e", "ws-e2e");
    api = stack.api;
    listener = stack.listener;
    runner = stack.runner;
    token = stack.token;
  }

  @AfterAll
  static void stopServices() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyServiceAnswersItsHealthAndMetricsEndpoints() {
    for (WebTestClient service : List.of(api, listener, runner)) {
      service
          .get()
          .uri("/actuator/health")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
      service.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }
  }

  @Test
  void onlyTriggerApiServesAnApiDescription() {
    api.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    listener.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
    runner.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
  }

  /** One JVM, one logger context: its events are counted once, by trigger-api. */
  @Test
  void theStacksLogEventsAreCountedByOneService() {
    assertThat(metrics(api)).contains("logback_events_total{");
    assertThat(metrics(listener)).doesNotContain("logback_events_total");
    assertThat(metrics(runner)).doesNotContain("logback_events_total");
  }

  @Test
  void manualRunOfADraftCompletesWithTwoSteps() {
    String workflowId = createTwoStepWorkflow("manual run");

    String runId = stack.startRun(workflowId, Map.of("name", "Ada"));
    Map<String, Object> run = stack.awaitFinishedRun(runId);

    assertThat(run).containsEntry("status", "completed").containsEntry("test", true);
    assertThat(steps(run)).extracting(step -> step.get("nodeId")).containsExactly("greet", "shout");
    assertThat(steps(run))
        .allSatisfy(step -> assertThat(step).containsEntry("status", "completed"));
    assertThat(steps(run).get(1).get("output")).isEqualTo("HELLO ADA");
  }

  /**
   * A run whose middle step failed (it names a secret not stored yet), retried once the secret is
   * stored: over Kafka the runner reuses the first step's output (a time, so running it again would
   * show) and runs only the failed step and the one after it.
   */
  @Test
  void aRetryReusesTheCompletedStepsOfTheFailedRunAndRunsTheRest() {
    String workflowId =
        stack.createWorkflow(
            "retried",
            List.of(
                node(
                    "n1",
                    "transform",
                    Map.of(
                        "expression",
                        "{\"greeting\": \"Hello \" & $trigger.name, \"at\": $millis()}")),
                node("n2", "log", Map.of("message", "key {{ $secrets.E2E_RETRY }}")),
                node(
                    "n3",
                    "transform",
                    Map.of(
                        "expression",
                        "$steps.n1.output.greeting & \" / \" & $steps.n2.output.message"))),
            List.of(edge("n1", "n2"), edge("n2", "n3")));
    String original = stack.startRun(workflowId, Map.of("name", "Ada"));
    Map<String, Object> failed = stack.awaitFinishedRun(original);
    assertThat(failed).containsEntry("status", "failed");
    assertThat(steps(failed))
        .extracting(step -> step.get("status"))
        .containsExactly("completed", "failed");
    api.put()
        .uri("/api/secrets/E2E_RETRY")
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("value", "stored later"))
        .exchange()
        .expectStatus()
        .isCreated();

    String retry = retry(original, "retry-1");
    Map<String, Object> run = stack.awaitFinishedRun(retry);

    assertThat(retry(original, "retry-1")).isEqualTo(retry);
    assertThat(run).containsEntry("status", "completed").containsEntry("test", true);
    assertThat(map(run.get("triggeredBy"))).containsEntry("retryOf", original);
    assertThat(steps(run)).extracting(step -> step.get("nodeId")).containsExactly("n1", "n2", "n3");
    Map<String, Object> reused = steps(run).get(0);
    assertThat(reused)
        .containsEntry("status", "completed")
        .containsEntry("reused", true)
        .containsEntry("reusedFrom", original)
        .containsEntry("output", steps(failed).get(0).get("output"));
    assertThat(steps(run).get(1)).doesNotContainKey("reused");
    assertThat(steps(run).get(2).get("output")).isEqualTo("Hello Ada / key ***");
    assertThat(stack.awaitFinishedRun(original)).isEqualTo(failed);
  }

  private static String retry(String runId, String idempotencyKey) {
    return (String)
        api.post()
            .uri("/api/runs/{id}/retry", runId)
            .headers(h -> h.setBearerAuth(token))
            .header("Idempotency-Key", idempotencyKey)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  /** The events stream shows the run the real runner executes, step by step, to its end. */
  @Test
  void runEventsFollowARunOfTheRunnerToItsEnd() {
    String workflowId = stack.createWorkflow("watched", watchedNodes(), watchedEdges());
    String runId = stack.startRun(workflowId, Map.of("name", "Ada"));

    List<ServerSentEvent<Map<String, Object>>> events =
        api.mutate()
            .responseTimeout(Duration.ofSeconds(60))
            .build()
            .get()
            .uri("/api/runs/{id}/events", runId)
            .headers(h -> h.setBearerAuth(token))
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody()
            .filter(event -> event.event() != null)
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(events).first().extracting(ServerSentEvent::event).isEqualTo("snapshot");
    assertThat(events).last().extracting(ServerSentEvent::event).isEqualTo("end");
    assertThat(events.getFirst().data().get("status")).isIn("queued", "running");
    List<Map<String, Object>> runs =
        events.stream().filter(e -> "run".equals(e.event())).map(ServerSentEvent::data).toList();
    assertThat(runs).isNotEmpty();
    assertThat(runs.getLast()).isEqualTo(stack.awaitFinishedRun(runId));
    assertThat(runs.getLast()).containsEntry("status", "completed");
    assertThat(steps(runs.getLast()))
        .extracting(step -> step.get("nodeId"))
        .containsExactly("greet", "wait", "shout");
    // progress arrived while the run went on: the snapshot or a run event before the last showed
    // it unfinished (the runner records a step once it has finished, and may merge steps)
    List<Map<String, Object>> sent =
        events.stream().map(ServerSentEvent::data).toList().subList(0, events.size() - 2);
    assertThat(sent).anySatisfy(run -> assertThat(run.get("status")).isIn("queued", "running"));
  }

  private static List<Map<String, Object>> watchedNodes() {
    return List.of(
        node("greet", "log", Map.of("message", "Hello {{ $trigger.name }}")),
        node("wait", "delay", Map.of("ms", 1500)),
        node(
            "shout", "transform", Map.of("expression", "$uppercase($steps.greet.output.message)")));
  }

  private static List<Map<String, Object>> watchedEdges() {
    return List.of(
        Map.of("id", "e1", "source", "greet", "target", "wait"),
        Map.of("id", "e2", "source", "wait", "target", "shout"));
  }

  private static Map<String, Object> edge(String source, String target) {
    return Map.of("id", source + "-" + target, "source", source, "target", target);
  }

  /** The local stack gives trigger-api and the runner the same key: a stored secret resolves. */
  @Test
  void aSecretStoredThroughTheApiIsResolvedByTheRunnerAndNeverShown() {
    String value = "e2e-" + UUID.randomUUID();
    api.put()
        .uri("/api/secrets/E2E_TOKEN")
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("value", value))
        .exchange()
        .expectStatus()
        .isCreated();
    String workflowId =
        stack.createWorkflow(
            "uses a secret",
            List.of(node("say", "log", Map.of("message", "token {{ $secrets.E2E_TOKEN }}"))));

    Map<String, Object> run = stack.awaitFinishedRun(stack.startRun(workflowId, Map.of()));

    assertThat(run).containsEntry("status", "completed");
    assertThat(map(steps(run).get(0).get("output"))).containsEntry("message", "token ***");
    assertThat(map(steps(run).get(0).get("input")))
        .containsEntry("message", "token {{ $secrets.E2E_TOKEN }}");
  }

  @Test
  void deployedWorkflowRunsFromAWebhook() {
    String workflowId = createTwoStepWorkflow("webhook run");
    String triggerId = deployedWithWebhook(workflowId);

    String runId = stack.awaitWebhookAccepted(triggerId, Map.of("name", "Grace"), h -> {});
    Map<String, Object> run = stack.awaitFinishedRun(runId);

    assertThat(run).containsEntry("status", "completed").containsEntry("test", false);
    assertThat(map(run.get("triggeredBy")))
        .containsEntry("type", "webhook")
        .containsEntry("triggerId", triggerId);
    assertThat(steps(run).get(1).get("output")).isEqualTo("HELLO GRACE");
  }

  @Test
  void repeatedWebhookDeliveryMakesOneRunAndIsLoggedAsADuplicate() {
    String workflowId = createTwoStepWorkflow("webhook dedupe");
    String triggerId = deployedWithWebhook(workflowId);
    Consumer<HttpHeaders> delivery = h -> h.set("webhook-id", "msg_e2e_1");

    String first = stack.awaitWebhookAccepted(triggerId, Map.of("name", "Ada"), delivery);
    String repeat = stack.awaitWebhookAccepted(triggerId, Map.of("name", "Ada"), delivery);
    stack.awaitFinishedRun(first);

    assertThat(repeat).isEqualTo(first);
    assertThat(webhookRuns(workflowId)).containsExactly(first);
    // 404s while the listener learned of the trigger may be logged too; the 202s are these two
    List<Map<String, Object>> logs =
        await()
            .atMost(10, SECONDS)
            .until(() -> accepted(webhookLogs(workflowId, triggerId)), found -> found.size() == 2);
    assertThat(logs).allSatisfy(log -> assertThat(log).containsEntry("runId", first));
    assertThat(logs)
        .extracting(log -> log.get("reason"))
        .containsExactlyInAnyOrder("accepted", "duplicate");
  }

  @Test
  void aRunThatCompletesStartsItsDependentWorkflowWithTheUpstreamOutputs() {
    String upstream = createTwoStepWorkflow("upstream");
    stack.deploy(upstream, Map.of("name", "Test"));
    String downstream =
        stack.createWorkflow(
            "downstream",
            List.of(
                node(
                    "cheer",
                    "transform",
                    Map.of("expression", "$trigger.upstream.outputs.shout & '!'"))));
    stack.deploy(downstream, Map.of("name", "Test"));
    double fireable = fireableTriggers();
    String triggerId =
        stack.createTrigger(
            downstream,
            Map.of(
                "type",
                "dependency",
                "name",
                "after upstream",
                "enabled",
                true,
                "config",
                Map.of(
                    "dependsOnWorkflowId",
                    upstream,
                    "condition",
                    "on_success",
                    "delayMinutes",
                    0)));

    // the listener learns of the trigger from its change stream
    await().atMost(5, SECONDS).until(() -> fireableTriggers() > fireable);
    String upstreamRun = stack.startRun(upstream, Map.of("name", "Ada"));
    assertThat(stack.awaitFinishedRun(upstreamRun)).containsEntry("status", "completed");

    String downstreamRun =
        await()
            .atMost(20, SECONDS)
            .until(() -> webhookRuns(downstream), runs -> runs.size() == 1)
            .getFirst();
    Map<String, Object> run = stack.awaitFinishedRun(downstreamRun);
    assertThat(run).containsEntry("status", "completed");
    Map<String, Object> triggeredBy = map(run.get("triggeredBy"));
    assertThat(triggeredBy)
        .containsEntry("type", "dependency")
        .containsEntry("triggerId", triggerId);
    assertThat(map(map(triggeredBy.get("payload")).get("upstream")))
        .containsEntry("runId", upstreamRun)
        .containsEntry("workflowId", upstream)
        .containsEntry("status", "completed");
    assertThat(steps(run).getFirst().get("output")).isEqualTo("HELLO ADA!");
  }

  /** The listener's gauge of the triggers it can fire. */
  private static double fireableTriggers() {
    return metrics(listener)
        .lines()
        .filter(line -> line.startsWith("outrun_listener_registry_fireable"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  /** The service's Prometheus exposition. */
  private static String metrics(WebTestClient service) {
    return service
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  /** Deploys the workflow (after the test run deploying needs) with a webhook trigger. */
  private static String deployedWithWebhook(String workflowId) {
    stack.deploy(workflowId, Map.of("name", "Test"));
    Map<String, Object> trigger =
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
            .getResponseBody();
    assertThat((String) trigger.get("webhookUrl")).endsWith("/api/webhooks/" + trigger.get("id"));
    return (String) trigger.get("id");
  }

  /** The ids of the workflow's runs that are not test runs, newest first. */
  private static List<String> webhookRuns(String workflowId) {
    return api
        .get()
        .uri("/api/workflows/{id}/runs?limit=100", workflowId)
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(LIST)
        .returnResult()
        .getResponseBody()
        .stream()
        .filter(run -> Boolean.FALSE.equals(run.get("test")))
        .map(run -> (String) run.get("id"))
        .toList();
  }

  private static List<Map<String, Object>> accepted(List<Map<String, Object>> logs) {
    return logs.stream().filter(log -> Integer.valueOf(202).equals(log.get("status"))).toList();
  }

  private static List<Map<String, Object>> webhookLogs(String workflowId, String triggerId) {
    return api.get()
        .uri("/api/workflows/{id}/triggers/{triggerId}/webhook-logs", workflowId, triggerId)
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(LIST)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void hmacWebhookTriggerIsCreatedWithItsSecretShownOnce() {
    String workflowId = createTwoStepWorkflow("signed webhook");

    Map<String, Object> trigger =
        api.post()
            .uri("/api/workflows/{id}/triggers", workflowId)
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "type",
                    "webhook",
                    "name",
                    "signed",
                    "config",
                    Map.of("authType", "hmac", "signatureScheme", "github")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();

    assertThat(trigger.toString()).containsPattern("secret=[A-Za-z0-9_-]{43}");
    api.get()
        .uri("/api/workflows/{id}/triggers/{t}", workflowId, trigger.get("id"))
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).doesNotContain("\"secret\""));
  }

  @Test
  void signedWebhookVerifiesWithTheSecretTheApiReturnedAndAfterRotation() {
    String workflowId = createTwoStepWorkflow("github webhook");
    stack.awaitFinishedRun(stack.startRun(workflowId, Map.of("name", "Test")));
    api.post()
        .uri("/api/workflows/{id}/deploy", workflowId)
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isOk();
    Map<String, Object> trigger =
        api.post()
            .uri("/api/workflows/{id}/triggers", workflowId)
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "type",
                    "webhook",
                    "name",
                    "github",
                    "config",
                    Map.of("authType", "hmac", "signatureScheme", "github")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody();
    String triggerId = (String) trigger.get("id");
    String secret = (String) trigger.get("secret");
    String body = "{\"name\": \"Linus\"}";

    awaitSignedWebhook(triggerId, body, githubSignature(secret, body), HttpStatus.ACCEPTED);
    assertThat(postSigned(triggerId, body, githubSignature(secret, body + " "))).isEqualTo(401);

    String rotated =
        (String)
            api.post()
                .uri("/api/workflows/{id}/triggers/{t}/rotate-secret", workflowId, triggerId)
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("secret");
    assertThat(rotated).isNotEqualTo(secret);
    awaitSignedWebhook(triggerId, body, githubSignature(rotated, body), HttpStatus.ACCEPTED);
    assertThat(postSigned(triggerId, body, githubSignature(secret, body))).isEqualTo(202);
  }

  private static void awaitSignedWebhook(
      String triggerId, String body, String signature, HttpStatus expected) {
    await()
        .atMost(5, SECONDS)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> postSigned(triggerId, body, signature) == expected.value());
  }

  private static int postSigned(String triggerId, String body, String signature) {
    return listener
        .post()
        .uri("/api/webhooks/{id}", triggerId)
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Hub-Signature-256", signature)
        .bodyValue(body)
        .exchange()
        .returnResult(Void.class)
        .getStatus()
        .value();
  }

  private static String githubSignature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String createTwoStepWorkflow(String name) {
    Map<String, Object> workflow =
        Map.of(
            "name", name,
            "nodes",
                List.of(
                    node(
                        "greet",
                        "log",
                        Map.of(
                            "message",
                            "Hello {{ $trigger.name ? $trigger.name : $trigger.body.name }}")),
                    node(
                        "shout",
                        "transform",
                        Map.of("expression", "$uppercase($steps.greet.output.message)"))),
            "edges", List.of(Map.of("id", "e1", "source", "greet", "target", "shout")),
            "settings", Map.of("timeoutMs", 60000));
    return (String)
        api.post()
            .uri("/api/workflows")
            .headers(h -> h.setBearerAuth(token))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(workflow)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(JSON)
            .returnResult()
            .getResponseBody()
            .get("id");
  }
}
