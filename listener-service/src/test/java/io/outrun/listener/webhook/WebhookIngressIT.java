package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.registry.TriggerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the listener takes in: JSON bodies within limits (else 400 naming the limit), and every
 * refusal, the web server's own included, as problem details.
 */
@ListenerSpringTest
class WebhookIngressIT {

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @LocalServerPort int port;

  private WebhookFixtures fixtures;
  private WebTestClient http;
  private WebhookFixtures.Trigger trigger;

  @BeforeEach
  void openWebhook() {
    fixtures = new WebhookFixtures(mongo, registry);
    http = WebhookFixtures.client(port);
    trigger = fixtures.fireable(Map.of("method", "POST"));
  }

  @Test
  void aBodyNestedDeeperThanTheLimitIsRefusedWith400NamingIt() {
    String deep = "{\"a\":".repeat(65) + "1" + "}".repeat(65);

    postJson(deep)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("maximum allowed (64)"));
  }

  @Test
  void aBodyAtTheDepthLimitRuns() {
    postJson("[".repeat(64) + "]".repeat(64)).expectStatus().isAccepted();
  }

  @Test
  void aNumberOutOfRangeOrALoneSurrogateIsRefusedWith400() {
    for (String body :
        new String[] {"{\"n\":1e400}", "[\"\\ud800\"]", "[" + "9".repeat(101) + "]"}) {
      postJson(body)
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void anIntegerTooLargeForALongRunsAsADouble() {
    String runId = runIdOf(postJson("{\"id\":123456789012345678901234567890}"));

    RunRequested request = request(runId);
    assertThat(request.triggeredBy().payload().get("body"))
        .isEqualTo(Map.of("id", 1.2345678901234568e29));
  }

  @Test
  void keysMongoDbCannotTakeArePassedOnToTheRun() {
    String runId = runIdOf(postJson("{\"\\u0000\":1,\"$set\":{\"a.b\":2},\"\":3}"));

    assertThat(request(runId).triggeredBy().payload().get("body"))
        .isEqualTo(Map.of("\u0000", 1, "$set", Map.of("a.b", 2), "", 3));
  }

  @Test
  void aRequestLineLongerThanTheServerTakesIs414AsProblemDetails() throws IOException {
    String answer =
        raw(
            "GET "
                + trigger.path()
                + "?q="
                + "x".repeat(5000)
                + " HTTP/1.1\r\n"
                + "Host: localhost\r\n\r\n");

    assertProblem(answer, 414);
  }

  @Test
  void headersLargerThanTheServerTakesAre431AsProblemDetails() throws IOException {
    String answer =
        raw(
            "POST "
                + trigger.path()
                + " HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "x".repeat(9000)
                + "\r\nContent-Length: 0\r\n\r\n");

    assertProblem(answer, 431);
  }

  @Test
  void aMalformedRequestIs400AsProblemDetails() throws IOException {
    assertProblem(raw("NOT A REQUEST LINE AT ALL\r\n\r\n"), 400);
    assertProblem(raw("GET /x HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"), 400);
  }

  @Test
  void anUnknownPathIs404AndAWrongMethodOnAnEndpoint405AsProblemDetails() {
    http.get()
        .uri("/no/such/path")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
    http.method(HttpMethod.DELETE)
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(405);
  }

  @Test
  void aPathThatIsNoUriOrTraversesIsRefusedAsProblemDetailsNotA500() throws IOException {
    assertProblem(raw("GET // HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 404);
    assertProblem(
        raw(
            "GET /actuator/health/..%2f.. HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        400);
  }

  @Test
  void whatTheSenderAcceptsChangesNoAnswer() {
    for (String accept : new String[] {"image/png", "*/*;q=0", "text/html", "garbage"}) {
      String runId =
          runIdOf(
              http.post()
                  .uri(trigger.path())
                  .contentType(MediaType.APPLICATION_JSON)
                  .header("Accept", accept)
                  .bodyValue("{\"a\":1}")
                  .exchange());
      assertThat(request(runId).runId()).as(accept).isEqualTo(runId);
    }

    http.put()
        .uri(trigger.path())
        .accept(MediaType.IMAGE_PNG)
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("This webhook accepts POST requests only.");
  }

  @Test
  void optionsAndCorsPreflightsAreAnsweredByTheTrigger() {
    http.options()
        .uri(trigger.path())
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    http.options()
        .uri(trigger.path())
        .header("Origin", "https://app.example.com")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus()
        .isEqualTo(405);
    http.options().uri("/api/webhooks/no-such-trigger").exchange().expectStatus().isNotFound();
  }

  private WebTestClient.ResponseSpec postJson(String body) {
    return http.post()
        .uri(trigger.path())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private static String runIdOf(WebTestClient.ResponseSpec response) {
    return (String)
        response
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  private RunRequested request(String runId) {
    return fixtures.decode(fixtures.record(trigger.workflowId(), runId).value());
  }

  /** Sends {@code request} as it is and returns the whole answer (the server closes after it). */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static void assertProblem(String answer, int status) {
    assertThat(answer).startsWith("HTTP/1.1 " + status + " ");
    String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
    assertThat(head).contains("content-type: application/problem+json");
    assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
        .contains("\"status\":" + status)
        .contains("\"detail\":");
  }
}
