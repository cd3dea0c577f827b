package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.outrun.runner.egress.EgressProperties;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.retry.RetryAfter;
import io.outrun.runner.usage.NodeUsage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Against a fake OpenAI-compatible server on loopback. */
class AiAgentNodeTest {

  private static final String KEY = "sk-test-secret-key-123";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final HttpExchanges EXCHANGES =
      new HttpExchanges(
          StandardExpressions.EVALUATIONS,
          new GuardedHttpClient(EgressProperties.defaults(false)),
          new RetryAfter(Clock.systemUTC()));

  private static HttpServer server;
  private static AiAgentNode node;

  /** What the fake answers: status, extra headers, body. */
  private record Answer(int status, Map<String, String> headers, String body) {}

  private static final AtomicReference<Answer> answer = new AtomicReference<>();
  private static final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.createContext("/v1/chat/completions", AiAgentNodeTest::handle);
    server.start();
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    // the first call starts the HTTP client: on a loaded 2-core machine that took over 5 s
    node =
        new AiAgentNode(
            StandardExpressions.templates(),
            new AiProperties(baseUrl, KEY, PATIENCE, Map.of()),
            StandardExpressions.EVALUATIONS,
            new RetryAfter(Clock.systemUTC()),
            StandardNodes.agentTools(EXCHANGES));
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void reset() {
    lastRequest.set(null);
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      Answer reply;
      if (!"POST".equals(exchange.getRequestMethod())
          || !("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply = new Answer(401, Map.of(), "{\"error\":{\"message\":\"bad key\"}}");
      } else {
        lastRequest.set(JSON.readTree(request));
        reply = answer.get();
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private static void completes(String model, String text, long in, long out) {
    answer.set(
        new Answer(
            200,
            Map.of(),
            """
            {"id":"chatcmpl-1","object":"chat.completion","model":"%s",
             "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},
                         "finish_reason":"stop"}],
             "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
            """
                .formatted(model, text, in, out, in + out)));
  }

  private static NodeOutcome run(Map<String, Object> data) {
    return node.execute(new NodeCall("ai1", "ai_agent", data, StandardExpressions.CONTEXT)).block();
  }

  private static Map<String, Object> data(String model) {
    return Map.of("model", model, "systemPrompt", "Be brief.", "prompt", "Hi {{ $trigger.name }}");
  }

  @Test
  void sendsTheResolvedPromptAndRecordsTextTokensAndCost() {
    completes("gpt-4o", "Hello Ada!", 1_000, 500);

    NodeOutcome outcome = run(data("gpt-4o"));

    assertThat(outcome).isInstanceOf(NodeOutcome.Succeeded.class);
    NodeOutcome.Succeeded done = (NodeOutcome.Succeeded) outcome;
    assertThat(done.output())
        .isEqualTo(Map.of("text", "Hello Ada!", "model", "gpt-4o", "finishReason", "stop"));
    assertThat(done.input()).containsEntry("prompt", "Hi Ada");
    // 1000 * 2.50 / 1e6 + 500 * 10.00 / 1e6
    assertThat(done.usage()).isEqualTo(new NodeUsage(1_500, 0.0075, 0, 0, false));

    JsonNode request = lastRequest.get();
    assertThat(request.path("model").asString()).isEqualTo("gpt-4o");
    assertThat(JSON.convertValue(request.path("messages"), List.class))
        .isEqualTo(
            List.of(
                Map.of("role", "system", "content", "Be brief."),
                Map.of("role", "user", "content", "Hi Ada")));
  }

  @Test
  void pricesADatedVariantByItsPrefix() {
    completes("gpt-4o-mini-2024-07-18", "ok", 2_000, 1_000);

    NodeOutcome.Succeeded done = (NodeOutcome.Succeeded) run(data("gpt-4o-mini"));

    // 2000 * 0.15 / 1e6 + 1000 * 0.60 / 1e6
    assertThat(done.usage()).isEqualTo(new NodeUsage(3_000, 0.0009, 0, 0, false));
    assertThat(done.output())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("model", "gpt-4o-mini-2024-07-18")
        .doesNotContainKey("unpricedModel");
  }

  @Test
  void anUnknownModelCostsNothingAndIsFlagged() {
    completes("llama-3-70b", "ok", 10, 20);

    NodeOutcome.Succeeded done = (NodeOutcome.Succeeded) run(data("llama-3-70b"));

    assertThat(done.usage()).isEqualTo(new NodeUsage(30, 0, 0, 0, true));
    assertThat(done.output())
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("unpricedModel", true);
  }

  @Test
  void rateLimitIsRetriedAfterTheProvidersRetryAfter() {
    answer.set(new Answer(429, Map.of("Retry-After", "7"), "{\"error\":{\"message\":\"slow\"}}"));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(data("gpt-4o"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.after(Duration.ofSeconds(7)));
  }

  @Test
  void rateLimitWithoutRetryAfterMayBeRetried() {
    answer.set(new Answer(429, Map.of(), ""));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(data("gpt-4o"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.ALLOWED);
  }

  @Test
  void anUnreachableProviderMayBeRetried() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    AiAgentNode unreachable =
        new AiAgentNode(
            StandardExpressions.templates(),
            new AiProperties(
                "http://127.0.0.1:" + closedPort, KEY, Duration.ofSeconds(5), Map.of()),
            StandardExpressions.EVALUATIONS,
            new RetryAfter(Clock.systemUTC()),
            StandardNodes.agentTools(EXCHANGES));

    NodeOutcome.Failed failed =
        (NodeOutcome.Failed)
            unreachable
                .execute(
                    new NodeCall("ai1", "ai_agent", data("gpt-4o"), StandardExpressions.CONTEXT))
                .block();

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.ALLOWED);
    assertThat(failed.error()).contains("could not reach").doesNotContain(KEY);
  }

  @Test
  void serverErrorsMayBeRetried() {
    answer.set(new Answer(500, Map.of(), "{\"error\":{\"message\":\"overloaded\"}}"));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(data("gpt-4o"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.ALLOWED);
    assertThat(failed.error()).contains("500").contains("overloaded");
  }

  @Test
  void aRefusedKeyIsNeverRetriedAndTheMessageHidesTheKey() {
    answer.set(
        new Answer(
            401,
            Map.of(),
            "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

    NodeOutcome.Failed failed = (NodeOutcome.Failed) run(data("gpt-4o"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(failed.error()).contains("401").contains("Incorrect API key").doesNotContain(KEY);
  }

  @Test
  void aMissingModelOrPromptFailsWithoutACall() {
    NodeOutcome.Failed noModel = (NodeOutcome.Failed) run(Map.of("prompt", "hi"));
    NodeOutcome.Failed noPrompt = (NodeOutcome.Failed) run(Map.of("model", "gpt-4o"));

    assertThat(noModel.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(noModel.error()).contains("model");
    assertThat(noPrompt.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(noPrompt.error()).contains("prompt");
    assertThat(lastRequest.get()).isNull();
  }

  @Test
  void propertiesNeverShowTheKey() {
    assertThat(new AiProperties("https://x", KEY, Duration.ofSeconds(1), null).toString())
        .doesNotContain(KEY)
        .contains("<redacted>");
  }
}
