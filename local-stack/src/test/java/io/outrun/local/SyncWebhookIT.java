package io.outrun.local;

import static io.outrun.local.StackFixture.node;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.infra.FreePorts;
import io.outrun.listener.ListenerApplication;
import io.outrun.listener.reply.RunWaiters;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Webhooks that answer with their run's result ({@code responseMode: last_node}), through the three
 * services and a second listener replica (at most one waiting request) on the same Kafka and
 * MongoDB: whichever replica holds the request gets the completion.
 */
class SyncWebhookIT {

  private static StackFixture stack;
  private static ConfigurableApplicationContext secondListener;
  private static WebTestClient listener;
  private static WebTestClient listener2;

  @BeforeAll
  static void startServices() {
    OutrunServices.Settings settings = StackFixture.settings("sync");
    int listener2Port = FreePorts.next();
    CompletableFuture<ConfigurableApplicationContext> second =
        CompletableFuture.supplyAsync(
            () -> {
              Map<String, String> props = new HashMap<>(settings.listener());
              props.put("server.port", String.valueOf(listener2Port));
              props.put("outrun.listener.reply.max-waiting", "1");
              return ServiceLauncher.start(ListenerApplication.class, props);
            });
    stack = StackFixture.start(settings, "ws-sync");
    secondListener = second.join();
    listener = stack.listener;
    listener2 =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + listener2Port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  static void stopServices() {
    if (secondListener != null) {
      secondListener.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void lastNodeAnswersTheTransformsOutputWith200OnEitherReplica() {
    String triggerId =
        syncTrigger(
            deployed(List.of(node("shout", "transform", Map.of("expression", SHOUT))), List.of()),
            10_000);

    for (WebTestClient replica : List.of(listener, listener2)) {
      EntityExchangeResult<byte[]> answer = awaitAnswer(replica, triggerId, Map.of("name", "ada"));
      assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
      assertThat(answer.getResponseHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_JSON);
      assertThat(new String(answer.getResponseBodyContent()))
          .isEqualTo("{\"greeting\":\"HI ADA\"}");
      assertThat(answer.getResponseHeaders().getFirst("X-Outrun-Run-Id")).isNotBlank();
    }
  }

  @Test
  void respondNodeSets201AHeaderAndTheBody() {
    String workflowId =
        deployed(
            List.of(
                node("shout", "transform", Map.of("expression", SHOUT)),
                node(
                    "reply",
                    "respond",
                    Map.of(
                        "status", 201,
                        "headers",
                            Map.of(
                                "Location", "/leads/{{ $trigger.body.name }}", "Connection", "x"),
                        "body", Map.of("created", "{{ $steps.shout.output.greeting }}")))),
            List.of(Map.of("id", "e1", "source", "shout", "target", "reply")));
    String triggerId = syncTrigger(workflowId, 10_000);

    EntityExchangeResult<byte[]> answer = awaitAnswer(listener, triggerId, Map.of("name", "ada"));

    assertThat(answer.getStatus()).isEqualTo(HttpStatus.CREATED);
    assertThat(answer.getResponseHeaders().getFirst("Location")).isEqualTo("/leads/ada");
    assertThat(answer.getResponseHeaders().getConnection()).doesNotContain("x");
    assertThat(new String(answer.getResponseBodyContent())).isEqualTo("{\"created\":\"HI ADA\"}");
  }

  @Test
  void failingRunAnswers502NamingTheRunAndTheNode() {
    String triggerId = syncTrigger(branching("stop", "fail", Map.of("message", "no lead")), 10_000);

    EntityExchangeResult<byte[]> answer =
        awaitAnswer(listener, triggerId, Map.of("name", "ada", "go", true));

    assertThat(answer.getStatus()).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(answer.getResponseHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    String runId = answer.getResponseHeaders().getFirst("X-Outrun-Run-Id");
    assertThat(new String(answer.getResponseBodyContent()))
        .contains("\"runId\":\"" + runId + "\"")
        .contains("\"nodeId\":\"stop\"")
        .contains("no lead")
        .doesNotContain("Exception");
  }

  @Test
  void slowRunAnswers202WithTheRunIdAfterTheTimeout() {
    String triggerId = syncTrigger(branching("wait", "delay", Map.of("ms", 3000)), 500);

    long started = System.nanoTime();
    EntityExchangeResult<byte[]> answer =
        post(listener, triggerId, Map.of("name", "ada", "go", true));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(answer.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(new String(answer.getResponseBodyContent())).contains("\"runId\"");
    assertThat(tookMs).isBetween(400L, 2900L);
  }

  @Test
  void beyondTheWaiterLimitAReplicaAnswers503AndPublishesNothing() {
    String triggerId = syncTrigger(branching("wait", "delay", Map.of("ms", 2000)), 10_000);
    awaitAnswer(listener2, triggerId, Map.of("name", "warm")); // the replica knows the trigger
    RunWaiters waiters = secondListener.getBean(RunWaiters.class);

    CompletableFuture<EntityExchangeResult<byte[]>> first =
        CompletableFuture.supplyAsync(
            () -> post(listener2, triggerId, Map.of("name", "ada", "go", true)));
    await().atMost(10, SECONDS).until(() -> waiters.waiting() == 1);
    EntityExchangeResult<byte[]> second = post(listener2, triggerId, Map.of("name", "bob"));

    assertThat(second.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(new String(second.getResponseBodyContent())).contains("waiting");
    assertThat(first.join().getStatus()).isEqualTo(HttpStatus.OK);
    await().atMost(5, SECONDS).until(() -> waiters.waiting() == 0);
  }

  // --- fixtures

  private static final String SHOUT = "{'greeting': $uppercase('hi ' & $trigger.body.name)}";

  /** A condition on {@code $trigger.body.go}: true runs {@code type}, false a transform. */
  private static String branching(String id, String type, Map<String, Object> data) {
    return deployed(
        List.of(
            node("check", "condition", Map.of("expression", "$trigger.body.go = true")),
            node(id, type, data),
            node("shout", "transform", Map.of("expression", SHOUT))),
        List.of(
            Map.of("id", "e1", "source", "check", "target", id, "sourceHandle", "true"),
            Map.of("id", "e2", "source", "check", "target", "shout", "sourceHandle", "false")));
  }

  /**
   * An answer other than 202: the first calls may come before the replica knows the trigger (404)
   * or before its completions consumer is positioned (202 at the timeout).
   */
  private static EntityExchangeResult<byte[]> awaitAnswer(
      WebTestClient replica, String triggerId, Map<String, Object> body) {
    return await()
        .atMost(60, SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> post(replica, triggerId, body),
            result ->
                result.getStatus() != HttpStatus.NOT_FOUND
                    && result.getStatus() != HttpStatus.ACCEPTED);
  }

  private static EntityExchangeResult<byte[]> post(
      WebTestClient replica, String triggerId, Map<String, Object> body) {
    return replica
        .post()
        .uri("/api/webhooks/{id}", triggerId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectBody()
        .returnResult();
  }

  private static String deployed(List<Map<String, Object>> nodes, List<Map<String, Object>> edges) {
    String workflowId = stack.createWorkflow("sync", nodes, edges);
    stack.deploy(workflowId, Map.of("body", Map.of("name", "test")));
    return workflowId;
  }

  private static String syncTrigger(String workflowId, int timeoutMs) {
    return stack.createWebhook(
        workflowId, Map.of("responseMode", "last_node", "responseTimeoutMs", timeoutMs));
  }
}
