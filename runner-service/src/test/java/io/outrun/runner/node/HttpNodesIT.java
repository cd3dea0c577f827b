package io.outrun.runner.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.egress.EgressProperties;
import io.outrun.runner.egress.FakePeer;
import io.outrun.runner.egress.GuardedHttpClient;
import io.outrun.runner.expression.ExpressionContext;
import io.outrun.runner.expression.StandardExpressions;
import io.outrun.runner.expression.Templates;
import io.outrun.runner.retry.RetryAfter;
import io.outrun.runner.usage.NodeUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code http_request} and {@code webhook} against a real peer on loopback (allow-private). */
class HttpNodesIT {

  private static FakePeer peer;
  private static GuardedHttpClient laptop;
  private static GuardedHttpClient strict;
  private static NodeExecutors nodes;
  private static NodeExecutors strictNodes;

  private static final ExpressionContext CONTEXT =
      new ExpressionContext(Map.of("name", "Ada", "path", "json"), Map.of(), "run-1", "wf-1");

  @BeforeAll
  static void start() throws Exception {
    peer = new FakePeer();
    laptop = new GuardedHttpClient(EgressProperties.defaults(true));
    strict = new GuardedHttpClient(EgressProperties.defaults(false));
    Templates templates = StandardExpressions.templates();
    HttpExchanges toLaptop = exchanges(laptop);
    nodes =
        new NodeExecutors(
            List.of(
                new HttpRequestNode(templates, toLaptop), new WebhookNode(templates, toLaptop)));
    strictNodes = new NodeExecutors(List.of(new HttpRequestNode(templates, exchanges(strict))));
  }

  private static HttpExchanges exchanges(GuardedHttpClient client) {
    return new HttpExchanges(
        StandardExpressions.EVALUATIONS, client, new RetryAfter(Clock.systemUTC()));
  }

  @AfterAll
  static void stop() {
    laptop.close();
    strict.close();
    peer.close();
  }

  @Test
  void getReturnsStatusHeadersAndParsedJsonBody() {
    NodeOutcome outcome =
        execute(
            nodes,
            "fetch",
            "http_request",
            Map.of("url", peer.url("/{{ $trigger.path }}"), "timeoutMs", 5000));

    assertThat(outcome).isInstanceOf(NodeOutcome.Succeeded.class);
    var succeeded = (NodeOutcome.Succeeded) outcome;
    Map<?, ?> output = (Map<?, ?>) succeeded.output();
    assertThat(output.get("status")).isEqualTo(200);
    assertThat(((Map<?, ?>) output.get("headers")).get("content-type"))
        .isEqualTo("application/json");
    assertThat(output.get("body")).isEqualTo(Map.of("ok", true, "n", List.of(1, 2)));
    assertThat(succeeded.input().get("url")).isEqualTo(peer.url("/json"));
    assertThat(succeeded.usage().httpRequests()).isEqualTo(1);
    assertThat(peer.received().getLast().header("Idempotency-Key")).isEqualTo("run-1:fetch");
  }

  @Test
  void postSendsAMapBodyAsJsonWithTemplatesResolved() {
    NodeOutcome outcome =
        execute(
            nodes,
            "post",
            "http_request",
            Map.of(
                "method",
                "post",
                "url",
                peer.url("/echo"),
                "headers",
                Map.of("X-Who", "{{ $trigger.name }}"),
                "body",
                Map.of("greeting", "Hello {{ $trigger.name }}")));

    Map<?, ?> output = (Map<?, ?>) ((NodeOutcome.Succeeded) outcome).output();
    assertThat(output.get("body")).isEqualTo("hello POST");
    FakePeer.Received received = peer.received().getLast();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.header("X-Who")).isEqualTo("Ada");
    assertThat(received.bodyText()).isEqualTo("{\"greeting\":\"Hello Ada\"}");
  }

  @Test
  void stringBodyIsSentAsIs() {
    execute(
        nodes,
        "raw",
        "http_request",
        Map.of("method", "PUT", "url", peer.url("/echo"), "body", "a=1&b={{ $trigger.name }}"));

    assertThat(peer.received().getLast().bodyText()).isEqualTo("a=1&b=Ada");
    assertThat(peer.received().getLast().header("Content-Type")).isNull();
  }

  @Test
  void serverErrorIsRetryable() {
    NodeOutcome.Failed failed = failed(nodes, "http_request", peer.url("/status/500"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.ALLOWED);
    assertThat(failed.error()).contains("HTTP 500");
    assertThat(failed.usage().httpRequests()).isEqualTo(1);
  }

  @Test
  void tooManyRequestsIsRetriedAfterRetryAfter() {
    NodeOutcome.Failed failed = failed(nodes, "http_request", peer.url("/429"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.after(Duration.ofSeconds(7)));
  }

  @Test
  void notFoundIsNeverRetried() {
    NodeOutcome.Failed failed = failed(nodes, "http_request", peer.url("/status/404"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(failed.error()).contains("HTTP 404");
  }

  @Test
  void slowPeerBeyondTimeoutIsRetryable() {
    NodeOutcome outcome =
        execute(nodes, "slow", "http_request", Map.of("url", peer.url("/slow"), "timeoutMs", 300));

    assertThat(((NodeOutcome.Failed) outcome).retry()).isEqualTo(NodeOutcome.Retry.ALLOWED);
  }

  @Test
  void bodyOverTenMegabytesFailsForGood() {
    NodeOutcome.Failed failed = failed(nodes, "http_request", peer.url("/big"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(failed.error()).contains("larger than");
  }

  @Test
  void loopbackIsRefusedByDefaultAndCostsNothing() {
    NodeOutcome.Failed failed = failed(strictNodes, "http_request", peer.url("/json"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.NEVER);
    assertThat(failed.error()).contains("refused");
    assertThat(failed.usage()).isEqualTo(NodeUsage.NONE);
  }

  @Test
  void badMethodFails() {
    NodeOutcome outcome =
        execute(nodes, "m", "http_request", Map.of("method", "TRACE", "url", peer.url("/json")));

    assertThat(((NodeOutcome.Failed) outcome).error()).contains("unsupported method TRACE");
  }

  @Test
  void webhookPostsSignedJsonWithIdempotencyKey() throws Exception {
    NodeOutcome outcome =
        execute(
            nodes,
            "notify",
            "webhook",
            Map.of(
                "url",
                peer.url("/hook"),
                "secret",
                "s3cret",
                "body",
                Map.of("who", "{{ $trigger.name }}", "n", 1)));

    var succeeded = (NodeOutcome.Succeeded) outcome;
    assertThat(succeeded.usage().webhooksCalled()).isEqualTo(1);
    assertThat(succeeded.usage().httpRequests()).isZero();
    assertThat(succeeded.input().get("secret")).isEqualTo("***");
    FakePeer.Received received = peer.received().getLast();
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.header("Content-Type")).isEqualTo("application/json");
    assertThat(received.header("Idempotency-Key")).isEqualTo("run-1:notify");
    assertThat(JsonMapper.builder().build().readValue(received.body(), Map.class))
        .isEqualTo(Map.of("who", "Ada", "n", 1));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(), "HmacSHA256"));
    assertThat(received.header("X-Signature"))
        .isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(received.body())));
  }

  @Test
  void webhookWithoutSecretIsUnsigned() {
    NodeOutcome outcome =
        execute(nodes, "plain", "webhook", Map.of("url", peer.url("/hook"), "body", List.of(1)));

    assertThat(outcome).isInstanceOf(NodeOutcome.Succeeded.class);
    assertThat(peer.received().getLast().header("X-Signature")).isNull();
    assertThat(peer.received().getLast().bodyText()).isEqualTo("[1]");
  }

  @Test
  void webhookFailureKeepsTheRetryRules() {
    NodeOutcome.Failed failed = failed(nodes, "webhook", peer.url("/status/503"));

    assertThat(failed.retry()).isEqualTo(NodeOutcome.Retry.ALLOWED);
    assertThat(failed.usage().webhooksCalled()).isEqualTo(1);
  }

  private static NodeOutcome.Failed failed(NodeExecutors executors, String type, String url) {
    NodeOutcome outcome = execute(executors, "call", type, Map.of("url", url));
    assertThat(outcome).isInstanceOf(NodeOutcome.Failed.class);
    return (NodeOutcome.Failed) outcome;
  }

  private static NodeOutcome execute(
      NodeExecutors executors, String nodeId, String type, Map<String, Object> data) {
    return executors
        .execute(new NodeCall(nodeId, type, data, CONTEXT))
        .block(Duration.ofSeconds(15));
  }
}
