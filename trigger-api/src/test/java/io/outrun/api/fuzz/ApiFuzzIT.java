package io.outrun.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends generated hostile requests ({@link FuzzCases}) to every endpoint of the real trigger-api,
 * over raw sockets so nothing is cleaned up on the way, and checks the oracle on each answer: never
 * a 5xx; every error an RFC 9457 problem ({@code application/problem+json} with the same {@code
 * status}, a {@code title} and a {@code detail}); and a 4xx for every input known to be invalid.
 *
 * <p>The seed is printed; {@code -Doutrun.fuzz.seed=N} replays a run, {@code
 * -Doutrun.fuzz.requests=N} changes its size.
 */
class ApiFuzzIT extends ApiTestSupport {

  private static final long SEED = Long.getLong("outrun.fuzz.seed", 20261201L);
  private static final int REQUESTS = Integer.getInteger("outrun.fuzz.requests", 1_200);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * {@code -Doutrun.fuzz.only=56,305}: send only these cases, and print them with their answers.
   */
  private static final List<Integer> ONLY =
      java.util.Arrays.stream(System.getProperty("outrun.fuzz.only", "").split(","))
          .filter(index -> !index.isBlank())
          .map(Integer::valueOf)
          .toList();

  @LocalServerPort int serverPort;

  @Test
  void hostileRequestsAreRefusedWithProblemsAndNeverFailTheServer() {
    Fixture fixture = fixture();
    List<FuzzCase> cases = new FuzzCases(SEED, fixture).generate(REQUESTS);
    System.out.printf(
        "API fuzz: seed %d, %d requests (-Doutrun.fuzz.seed to replay)%n", SEED, cases.size());

    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < cases.size(); i++) {
      FuzzCase request = cases.get(i);
      if (!ONLY.isEmpty() && !ONLY.contains(i)) {
        continue;
      }
      RawHttp.Response response = RawHttp.send(serverPort, request.bytes());
      if (!ONLY.isEmpty()) {
        System.out.printf(
            "API fuzz #%d: %s%n  sent %s%n  got %d %s%n",
            i,
            request.describe(),
            java.util.HexFormat.of()
                .formatHex(request.body() == null ? new byte[0] : request.body()),
            response.status(),
            response.body());
      }
      statuses.merge(response.status(), 1, Integer::sum);
      String fault = fault(request, response);
      if (fault != null && failures.size() < 50) {
        failures.add("#" + i + " " + request.describe() + "\n    => " + fault);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("API fuzz: answers by status %s in %d ms%n", statuses, took.toMillis());

    assertThat(cases).hasSizeGreaterThanOrEqualTo(1_000);
    assertThat(failures).as("seed %d: requests that broke the oracle", SEED).isEmpty();
  }

  /** What is wrong with the answer, or null. */
  private static String fault(FuzzCase request, RawHttp.Response response) {
    int status = response.status();
    String shown = status + " " + abbreviate(response.body());
    if (status >= 500) {
      return "server error " + shown;
    }
    if (request.refused() && (status < 400 || status >= 500)) {
      return "accepted input that must be refused: " + shown;
    }
    if (status < 400) {
      return null;
    }
    String type = response.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      return "error without a problem body (" + type + "): " + shown;
    }
    if ("HEAD".equals(request.method())) {
      return null;
    }
    try {
      Map<?, ?> problem = JSON.readValue(response.body(), Map.class);
      boolean complete =
          Integer.valueOf(status).equals(problem.get("status"))
              && problem.get("title") instanceof String title
              && !title.isBlank()
              && problem.get("detail") instanceof String detail
              && !detail.isBlank();
      return complete ? null : "incomplete problem: " + shown;
    } catch (RuntimeException unreadable) {
      return "unreadable problem: " + shown;
    }
  }

  /**
   * A workspace with a draft workflow and a webhook trigger on it, an active workflow with an
   * hourly schedule and a completed test run, and a queued run.
   */
  private Fixture fixture() {
    String workspace = "ws-fuzz-" + UUID.randomUUID();
    String token = token("fuzzer", workspace);
    var api = as("fuzzer", workspace);
    String draft = createWorkflow(api, validWorkflow("fuzz draft"));
    String active = createWorkflow(api, validWorkflow("fuzz active"));
    String finished = UUID.randomUUID().toString();
    mongo
        .insert(
            new Document("_id", finished)
                .append("requestEventId", UUID.randomUUID().toString())
                .append("workspaceId", workspace)
                .append("workflowId", active)
                .append("workflowVersion", 1)
                .append("test", true)
                .append("status", "completed"),
            "runs")
        .block(TIMEOUT);
    api.post().uri("/api/workflows/{id}/deploy", active).exchange().expectStatus().isOk();
    String run = UUID.randomUUID().toString();
    mongo
        .insert(
            new Document("_id", run)
                .append("workspaceId", workspace)
                .append("workflowId", draft)
                .append("status", "queued"),
            "runs")
        .block(TIMEOUT);
    return new Fixture(
        token,
        draft,
        active,
        trigger(api, draft, Map.of("type", "webhook", "name", "hook", "config", Map.of())),
        trigger(
            api,
            active,
            Map.of("type", "schedule", "name", "hourly", "config", Map.of("cron", "0 * * * *"))),
        run,
        finished);
  }

  private static String trigger(
      org.springframework.test.web.reactive.server.WebTestClient api,
      String workflowId,
      Map<String, Object> body) {
    return (String)
        api.post()
            .uri("/api/workflows/{id}/triggers", workflowId)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
