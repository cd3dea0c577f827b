package io.outrun.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * trigger-api as a user's script calls it: a dev token, a two-step workflow deployed after its test
 * run, and run requests. The requests go over HTTP/1.1 keep-alive connections; a small pool of
 * daemon threads completes them.
 */
public final class OutrunApi {

  private static final Pattern STRING_FIELD = Pattern.compile("\"(%s)\":\"([^\"]*)\"");
  private static final String RUN_INPUT = "{\"input\":{\"name\":\"bench\"}}";

  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          2, runnable -> Thread.ofPlatform().daemon().name("bench-http").unstarted(runnable));
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(executor)
          .build();
  private final String base;
  private String token;

  public OutrunApi(String base) {
    this.base = base;
  }

  /** The API's base URL, e.g. {@code http://localhost:8080}. */
  String base() {
    return base;
  }

  boolean healthy() {
    try {
      return send(request("/actuator/health").GET()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  public void signIn(String workspaceId) throws Exception {
    String body = "{\"userId\":\"bench\",\"workspaceId\":\"%s\"}".formatted(workspaceId);
    token = field(post("/api/dev/tokens", body), "token");
  }

  public String createWorkflow(String name) throws Exception {
    return createWorkflowFrom(BenchWorkflow.json(name));
  }

  /** A workflow from its JSON; its id. */
  String createWorkflowFrom(String workflowJson) throws Exception {
    return field(post("/api/workflows", workflowJson), "id");
  }

  /** A webhook trigger's address and the secret its create response shows once. */
  public record WebhookTrigger(String id, String webhookUrl, String secret) {}

  /** An enabled webhook trigger of the workflow, requests signed {@code hmac}. */
  WebhookTrigger createHmacWebhook(String workflowId, String name) throws Exception {
    String body =
        """
        {"type":"webhook","name":"%s","enabled":true,
         "config":{"authType":"hmac","signatureScheme":"hmac"}}
        """
            .formatted(name);
    String created = post("/api/workflows/" + workflowId + "/triggers", body);
    return new WebhookTrigger(
        field(created, "id"), field(created, "webhookUrl"), field(created, "secret"));
  }

  /** An enabled webhook trigger of the workflow that anyone may call ({@code authType none}). */
  public WebhookTrigger createOpenWebhook(String workflowId, String name) throws Exception {
    String body =
        """
        {"type":"webhook","name":"%s","enabled":true,"config":{"method":"POST","authType":"none"}}
        """
            .formatted(name);
    String created = post("/api/workflows/" + workflowId + "/triggers", body);
    return new WebhookTrigger(field(created, "id"), field(created, "webhookUrl"), null);
  }

  /** Deploy needs a completed test run of the version: runs one, then deploys. */
  public void deployAfterTestRun(String workflowId) throws Exception {
    String runId = field(post(runsPath(workflowId), RUN_INPUT), "runId");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!"completed".equals(status(runId))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("test run " + runId + " did not complete in 60 s");
      }
      Thread.sleep(20);
    }
    String deployed = post("/api/workflows/" + workflowId + "/deploy", "");
    if (!"active".equals(field(deployed, "status"))) {
      throw new IllegalStateException("deploy did not activate the workflow: " + deployed);
    }
  }

  /** Where a workflow's manual runs (a draft's: test runs) are requested. */
  static String runsPath(String workflowId) {
    return "/api/workflows/" + workflowId + "/runs";
  }

  /** A run request as this client sends it, for {@link WebhookLoad}: body and the user's token. */
  WebhookLoad.Request runRequest() {
    return new WebhookLoad.Request(
        RUN_INPUT.getBytes(StandardCharsets.UTF_8), "Authorization", bearer());
  }

  private String bearer() {
    return "Bearer " + token;
  }

  /** Requests a run and waits for the 202; the run's id. */
  String startRun(String workflowId) throws Exception {
    return field(post(runsPath(workflowId), RUN_INPUT), "runId");
  }

  /** A manual run of a deployed workflow; completes with the response, 202 carrying the run id. */
  CompletableFuture<HttpResponse<String>> requestRun(String workflowId) {
    HttpRequest request =
        request(runsPath(workflowId))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(RUN_INPUT))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The first occurrence of a string field: the top-level one in Outrun's responses. */
  static String field(String json, String name) {
    Matcher matcher = Pattern.compile(STRING_FIELD.pattern().formatted(name)).matcher(json);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return matcher.group(2);
  }

  /** {@code GET /api/workflows}; the status code. */
  int listWorkflows() throws Exception {
    return send(request("/api/workflows").GET()).statusCode();
  }

  /** {@code GET /api/runs/{id}}'s body, or null when it does not answer 200. */
  String run(String runId) throws Exception {
    HttpResponse<String> run = send(request("/api/runs/" + runId).GET());
    return run.statusCode() == 200 ? run.body() : null;
  }

  /** The run's status as {@code GET /api/runs/{id}} tells it; "unknown" when it does not. */
  String status(String runId) throws Exception {
    HttpResponse<String> run = send(request("/api/runs/" + runId).GET());
    return run.statusCode() == 200 ? field(run.body(), "status") : "unknown";
  }

  /**
   * Opens {@code GET /api/runs/{id}/events}; its lines go to {@code lines} as they arrive, read
   * without a thread per stream. Completes with the response once its headers are in.
   */
  CompletableFuture<HttpResponse<Void>> runEvents(
      String runId, java.util.concurrent.Flow.Subscriber<String> lines) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId + "/events"))
            .header("Authorization", bearer())
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(lines));
  }

  /** {@code POST /api/runs/{id}/cancel}; the status code. */
  int cancelRun(String runId) throws Exception {
    return send(request("/api/runs/" + runId + "/cancel").POST(HttpRequest.BodyPublishers.noBody()))
        .statusCode();
  }

  /** Creates a trigger without waiting for the answer; completes with the response. */
  CompletableFuture<HttpResponse<String>> createTriggerAsync(String workflowId, String json) {
    HttpRequest request =
        request("/api/workflows/" + workflowId + "/triggers")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Archives a workflow: its triggers stop firing. */
  void archiveWorkflow(String workflowId) throws Exception {
    HttpResponse<String> response = send(request("/api/workflows/" + workflowId).DELETE());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException("archive answered " + response.statusCode());
    }
  }

  private String post(String path, String json) throws Exception {
    HttpResponse<String> response =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    return token == null ? builder : builder.header("Authorization", bearer());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
