package io.outrun.observability;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the stack through its HTTP APIs so every trigger type and run outcome moves the meters:
 * test and manual runs, a webhook (accepted, duplicate, not found), a schedule every second, a
 * change in a watched collection, a dependent workflow, a completed and a failed run, a retried
 * step and an AI step.
 */
final class Workload {

  private final StackApi api;
  private final FakeUpstreams upstreams;
  private final List<String> runs = new ArrayList<>();

  Workload(StackApi api, FakeUpstreams upstreams) {
    this.api = api;
    this.upstreams = upstreams;
  }

  /** Creates and deploys the workflows, attaches their triggers, starts runs. */
  void drive(Runnable insertWatchedDocument) {
    String hello = deployed(helloWorkflow());
    String mixed = deployed(mixedWorkflow());
    String downstream = deployed(helloWorkflow());

    trigger(
        downstream,
        "dependency",
        Map.of("dependsOnWorkflowId", hello, "condition", "on_completion"));
    String webhook = trigger(hello, "webhook", Map.of("method", "POST", "authType", "none"));
    trigger(hello, "schedule", Map.of("intervalSeconds", 1));
    trigger(hello, "data_change", Map.of("collection", "leads", "operations", List.of("insert")));

    runs.add(manualRun(mixed, Map.of("fail", true))); // retried http_request, then failed
    runs.add(manualRun(hello, Map.of("name", "Ada")));
    await()
        .atMost(30, SECONDS)
        .until(
            () ->
                api.webhook(webhook, Map.of("name", "Grace"), Map.of("webhook-id", "msg-1"))
                        .status()
                    == 202);
    api.webhook(webhook, Map.of("name", "Grace"), Map.of("webhook-id", "msg-1")); // duplicate
    api.webhook("no-such-trigger", Map.of(), Map.of()); // 404
    insertWatchedDocument.run();
    runs.forEach(this::awaitEnded);
  }

  private String deployed(Map<String, Object> workflow) {
    String id = api.post("/api/workflows", workflow, 201).path("id").asString();
    awaitEnded(manualRun(id, Map.of())); // a test run of the draft: deploy needs it completed
    api.post("/api/workflows/" + id + "/deploy", Map.of(), 200);
    return id;
  }

  private String trigger(String workflowId, String type, Map<String, Object> config) {
    return api.post(
            "/api/workflows/" + workflowId + "/triggers",
            Map.of("type", type, "name", type, "enabled", true, "config", config),
            201)
        .path("id")
        .asString();
  }

  /**
   * A run's 202; a 503 (the event bus of a stack still starting is not accepting requests yet, as
   * the answer says) is asked again.
   */
  private String manualRun(String workflowId, Map<String, Object> input) {
    AtomicReference<StackApi.Response> answer = new AtomicReference<>();
    await()
        .atMost(60, SECONDS)
        .until(
            () -> {
              answer.set(
                  api.postAnswer("/api/workflows/" + workflowId + "/runs", Map.of("input", input)));
              return answer.get().status() != 503;
            });
    if (answer.get().status() != 202) {
      throw new AssertionError("a manual run answered " + answer.get());
    }
    return answer.get().body().path("runId").asString();
  }

  private void awaitEnded(String runId) {
    await()
        .atMost(60, SECONDS)
        .until(
            () ->
                List.of("completed", "failed", "cancelled")
                    .contains(api.get("/api/runs/" + runId).path("status").asString()));
  }

  private static Map<String, Object> helloWorkflow() {
    return Map.of(
        "name",
        "Hello",
        "nodes",
        List.of(
            node("greet", "log", Map.of("message", "Hello")),
            node(
                "shout",
                "transform",
                Map.of("expression", "$uppercase($steps.greet.output.message)"))),
        "edges",
        List.of(Map.of("id", "e1", "source", "greet", "target", "shout")));
  }

  /**
   * With {@code fail} in its input: an http_request to an endpoint that always answers 503, retried
   * once, so the run fails; without: an ai_agent step.
   */
  private Map<String, Object> mixedWorkflow() {
    return Map.of(
        "name",
        "Mixed",
        "nodes",
        List.of(
            node("check", "condition", Map.of("expression", "$exists($trigger.fail)")),
            node(
                "call",
                "http_request",
                Map.of(
                    "method",
                    "GET",
                    "url",
                    upstreams.baseUrl() + "/unavailable",
                    "retry",
                    Map.of("maxRetries", 1, "backoffStrategy", "fixed", "initialDelayMs", 10))),
            node(
                "ask",
                "ai_agent",
                Map.of("model", FakeUpstreams.MODEL, "systemPrompt", "Be brief", "prompt", "Hi"))),
        "edges",
        List.of(
            Map.of("id", "e1", "source", "check", "target", "call", "sourceHandle", "true"),
            Map.of("id", "e2", "source", "check", "target", "ask", "sourceHandle", "false")));
  }

  private static Map<String, Object> node(String id, String type, Map<String, Object> data) {
    return Map.of("id", id, "type", type, "position", Map.of("x", 0, "y", 0), "data", data);
  }
}
