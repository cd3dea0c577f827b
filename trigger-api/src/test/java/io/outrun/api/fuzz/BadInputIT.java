package io.outrun.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Malformed input never makes the API fail (5xx) and is always answered with a problem: broken
 * JSON, JSON of the wrong shape, every known field with values of the wrong type or range, and odd
 * query parameters, sent to every endpoint that reads a body or parameters. Generated from a fixed
 * seed, so a failure reproduces.
 */
class BadInputIT extends ApiTestSupport {

  private static final long SEED = 20261122L;

  private static final List<String> FIELDS =
      List.of(
          "name",
          "nodes",
          "edges",
          "settings",
          "version",
          "input",
          "type",
          "enabled",
          "config",
          "cron",
          "timezone",
          "intervalSeconds",
          "overlapPolicy",
          "catchupWindowSeconds",
          "method",
          "authType",
          "signatureScheme",
          "secret",
          "allowedOrigins",
          "responseFormat",
          "collection",
          "database",
          "operations",
          "filter",
          "dependsOnWorkflowId",
          "condition",
          "delayMinutes",
          "id",
          "data",
          "position",
          "source",
          "target",
          "sourceHandle",
          "expression",
          "url",
          "ms",
          "model",
          "prompt",
          "retryPolicy",
          "timeoutMs",
          "concurrency",
          "from",
          "to");

  private static final List<String> BAD_VALUES =
      List.of(
          "null",
          "true",
          "-1",
          "0",
          "1e400",
          "-1e400",
          "123456789012345678901234567890",
          "1.5",
          "\"\"",
          "\"" + "x".repeat(20_000) + "\"",
          "[]",
          "[null]",
          "{}",
          "{\"$gt\":\"\"}",
          "{\"$where\":\"sleep(1000)\"}",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"💥\"",
          "[[[[[[[[[[]]]]]]]]]]",
          "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}",
          "\"not-a-valid-enum-value\"",
          "\"2026-13-45T99:99:99Z\"",
          "\"-1000000000-01-01T00:00:00Z\"",
          "\"+1000000000-12-31T23:59:59.999999999Z\"",
          "\"../../etc/passwd\"");

  private static final List<String> BROKEN_JSON =
      List.of(
          "",
          " ",
          "{",
          "}",
          "[",
          "{\"name\":",
          "{\"name\":\"x\"",
          "{name:\"x\"}",
          "{'name':'x'}",
          "{\"name\":\"x\",}",
          "nul",
          "NaN",
          "\u00ef\u00bb\u00bf{}",
          "{\"a\":1}{\"b\":2}",
          "[".repeat(5000) + "]".repeat(5000),
          "{\"name\":\"\\x\"}",
          "\"unterminated",
          "{\"nodes\":[{\"id\":\"n1\",\"type\":\"log\",\"data\":{\"message\":\"hi\"}],\"edges\":",
          "null",
          "[]",
          "42",
          "\"a string\"",
          "true");

  private final Random random = new Random(SEED);
  private WebTestClient api;
  private String workflowId;
  private String triggerId;
  private String scheduleId;

  @BeforeEach
  void workspaceWithAWorkflowAndATrigger() {
    api = as("fuzzer", "ws-fuzz-" + UUID.randomUUID());
    workflowId = createWorkflow(api, validWorkflow("fuzz target"));
    triggerId =
        (String)
            api.post()
                .uri("/api/workflows/{id}/triggers", workflowId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of("type", "webhook", "name", "fuzz", "config", Map.of("authType", "none")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    scheduleId =
        (String)
            api.post()
                .uri("/api/workflows/{id}/triggers", workflowId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of(
                        "type", "schedule", "name", "fuzz", "config", Map.of("cron", "* * * * *")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
  }

  @Test
  void malformedBodiesAndParametersNeverCauseA5xx() {
    Map<String, HttpMethod> endpoints = new LinkedHashMap<>();
    endpoints.put("/api/workflows", HttpMethod.POST);
    endpoints.put("/api/workflows/" + workflowId, HttpMethod.PUT);
    endpoints.put("/api/workflows/" + workflowId + "/runs", HttpMethod.POST);
    endpoints.put("/api/workflows/" + workflowId + "/rollback", HttpMethod.POST);
    endpoints.put("/api/workflows/" + workflowId + "/triggers", HttpMethod.POST);
    endpoints.put("/api/workflows/" + workflowId + "/triggers/" + triggerId, HttpMethod.PUT);
    endpoints.put(
        "/api/workflows/" + workflowId + "/triggers/" + triggerId + "/fire", HttpMethod.POST);
    endpoints.put(
        "/api/workflows/" + workflowId + "/triggers/validate-dependency", HttpMethod.POST);
    endpoints.put(
        "/api/workflows/" + workflowId + "/triggers/" + scheduleId + "/backfill", HttpMethod.POST);

    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (Map.Entry<String, HttpMethod> endpoint : endpoints.entrySet()) {
      for (String body : bodies()) {
        sent++;
        check(endpoint.getValue(), endpoint.getKey(), body, failures);
      }
    }
    for (String query : queries()) {
      sent++;
      check(HttpMethod.GET, query, null, failures);
    }

    assertThat(sent).isGreaterThanOrEqualTo(200);
    assertThat(failures).as("requests answered with 5xx or without a problem body").isEmpty();
  }

  /** Broken JSON, then objects with one or more fields of the wrong type or range. */
  private List<String> bodies() {
    List<String> bodies = new ArrayList<>(BROKEN_JSON);
    for (int i = 0; i < 25; i++) {
      StringBuilder object = new StringBuilder("{");
      int fields = 1 + random.nextInt(4);
      for (int f = 0; f < fields; f++) {
        object
            .append(f == 0 ? "" : ",")
            .append('"')
            .append(FIELDS.get(random.nextInt(FIELDS.size())))
            .append("\":")
            .append(valueAt(random.nextInt(3)));
      }
      bodies.add(object.append('}').toString());
    }
    return bodies;
  }

  /** A bad value, sometimes nested where an object or a list of objects is expected. */
  private String valueAt(int depth) {
    String bad = BAD_VALUES.get(random.nextInt(BAD_VALUES.size()));
    return switch (depth) {
      case 0 -> bad;
      case 1 -> "{\"" + FIELDS.get(random.nextInt(FIELDS.size())) + "\":" + bad + "}";
      default -> "[{\"" + FIELDS.get(random.nextInt(FIELDS.size())) + "\":" + bad + "}]";
    };
  }

  private List<String> queries() {
    String wf = "/api/workflows/" + workflowId;
    return List.of(
        "/api/workflows?limit=abc",
        "/api/workflows?limit=-5&before=%%%",
        "/api/workflows?before=" + "z".repeat(3000),
        "/api/workflows?status=exploded",
        wf + "/runs?status=zzz",
        wf + "/runs?limit=999999999999&before=not-a-time",
        wf + "/runs?before=2026-99-99T00:00:00Z",
        "/api/triggers?type=volcano",
        "/api/triggers?workflowId=" + "%00",
        wf + "/triggers/schedule/preview",
        wf + "/triggers/schedule/preview?cron=*%20*&timezone=Mars/Olympus",
        wf + "/triggers/schedule/preview?cron=0%202%20*%20*%20*&count=-1",
        wf + "/triggers/schedule/preview?cron=0%202%20*%20*%20*&count=99999999999",
        wf + "/triggers/schedule/preview?cron=0%202%20*%20*%20*&from=yesterday",
        wf + "/triggers/" + triggerId + "/history?limit=zz",
        wf + "/triggers/" + triggerId + "/webhook-logs?limit=-1",
        wf + "/deployments?limit=x",
        "/api/runs/" + "r".repeat(5000),
        "/api/workflows/%7B%22$ne%22:null%7D");
  }

  private void check(HttpMethod method, String uri, String body, List<String> failures) {
    WebTestClient.RequestBodySpec request = api.method(method).uri(uri);
    WebTestClient.RequestHeadersSpec<?> ready =
        body == null
            ? request
            : request
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8));
    EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
    int status = result.getStatus().value();
    // 414: the HTTP server refuses an over-long URI before the application sees it
    boolean problem =
        status < 400
            || status == 414
            || MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(
                result.getResponseHeaders().getContentType());
    if (status >= 500 || !problem) {
      failures.add(
          method
              + " "
              + abbreviate(uri)
              + " <- "
              + abbreviate(String.valueOf(body))
              + " => "
              + status);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + ")";
  }
}
