package io.outrun.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import reactor.core.publisher.Flux;

/**
 * trigger-api as one user of one workspace sees it, for ITs: each call names the endpoint it makes
 * and answers the response to assert on ({@link ResponseSpec}), or, where its name says so, the one
 * value a test goes on with (a created workflow's id, an accepted run's id). {@link #http()} is the
 * plain client for anything else.
 */
public final class ApiClient {

  public static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  private final WebTestClient http;
  private final String workspaceId;

  ApiClient(WebTestClient http, String workspaceId) {
    this.http = http;
    this.workspaceId = workspaceId;
  }

  public WebTestClient http() {
    return http;
  }

  public String workspaceId() {
    return workspaceId;
  }

  // workflows

  /** Creates the workflow (201) and answers its id. */
  public String createWorkflow(WorkflowBody workflow) {
    return created(post("/api/workflows", workflow.build()));
  }

  public ResponseSpec getWorkflow(String id) {
    return http.get().uri("/api/workflows/{id}", id).exchange();
  }

  /** {@code PUT}: the body carries the version it edits. */
  public ResponseSpec editWorkflow(String id, WorkflowBody edit) {
    return http.put()
        .uri("/api/workflows/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(edit.build())
        .exchange();
  }

  public ResponseSpec deleteWorkflow(String id) {
    return http.delete().uri("/api/workflows/{id}", id).exchange();
  }

  /** {@code POST /api/workflows/{id}/<action>}: deploy, pause, resume, undeploy. */
  public ResponseSpec lifecycle(String id, String action) {
    return http.post().uri("/api/workflows/{id}/" + action, id).exchange();
  }

  public ResponseSpec rollback(String id, int version) {
    return post("/api/workflows/{id}/rollback", Map.of("version", version), id);
  }

  public ResponseSpec deployments(String id) {
    return http.get().uri("/api/workflows/{id}/deployments", id).exchange();
  }

  /** {@code GET /api/workflows/{id}/versions?<query>}. */
  public ResponseSpec versions(String id, String query) {
    return http.get().uri("/api/workflows/{id}/versions?" + query, id).exchange();
  }

  public ResponseSpec version(String id, Object number) {
    return http.get().uri("/api/workflows/{id}/versions/{n}", id, number).exchange();
  }

  public ResponseSpec versionDiff(String id, Object from, Object to) {
    return http.get().uri("/api/workflows/{id}/versions/{a}/diff/{b}", id, from, to).exchange();
  }

  public ResponseSpec exportWorkflow(String id) {
    return http.get().uri("/api/workflows/{id}/export", id).exchange();
  }

  public ResponseSpec importWorkflow(Object document) {
    return post("/api/workflows/import", document);
  }

  // runs

  public ResponseSpec startRun(String workflowId, RunBody run) {
    return startRun(workflowId, run, null);
  }

  public ResponseSpec startRun(String workflowId, RunBody run, String idempotencyKey) {
    WebTestClient.RequestBodySpec request = http.post().uri("/api/workflows/{id}/runs", workflowId);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    Map<String, Object> body = run.build();
    return (body == null
            ? request
            : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
        .exchange();
  }

  /** Starts a run (202) and answers its id. */
  public String startedRun(String workflowId, RunBody run) {
    return runId(startRun(workflowId, run));
  }

  /** The id of the run {@code accepted} answered (202). */
  public static String runId(ResponseSpec accepted) {
    return accepted
        .expectStatus()
        .isAccepted()
        .expectBody(JSON)
        .returnResult()
        .getResponseBody()
        .get("runId")
        .toString();
  }

  public ResponseSpec getRun(String runId) {
    return http.get().uri("/api/runs/{id}", runId).exchange();
  }

  /** {@code GET /api/runs/{id}/events}, answered (a stream or a problem), not yet read. */
  public ResponseSpec runEvents(String runId) {
    return http.get()
        .uri("/api/runs/{id}/events", runId)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange();
  }

  /** The events of {@code GET /api/runs/{id}/events} as they come, heartbeats left out. */
  public Flux<ServerSentEvent<Map<String, Object>>> runEventStream(String runId) {
    return runEvents(runId)
        .expectStatus()
        .isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
        .getResponseBody()
        .filter(event -> event.event() != null);
  }

  /** {@code GET /api/workflows/{id}/stats/series}, with a query ({@code "?window=day"}). */
  public ResponseSpec statsSeries(String workflowId, String query) {
    return http.get().uri("/api/workflows/{id}/stats/series" + query, workflowId).exchange();
  }

  public ResponseSpec cancelRun(String runId) {
    return http.post().uri("/api/runs/{id}/cancel", runId).exchange();
  }

  /**
   * {@code POST /api/runs/{id}/rerun}, with an {@code Idempotency-Key} unless {@code key} is null.
   */
  public ResponseSpec rerun(String runId, String key) {
    WebTestClient.RequestBodySpec request = http.post().uri("/api/runs/{id}/rerun", runId);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.exchange();
  }

  /**
   * {@code POST /api/runs/{id}/retry}, with an {@code Idempotency-Key} unless {@code key} is null.
   */
  public ResponseSpec retry(String runId, String key) {
    WebTestClient.RequestBodySpec request = http.post().uri("/api/runs/{id}/retry", runId);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.exchange();
  }

  /** {@code GET /api/workflows/{id}/runs}, with a query ({@code "?limit=2"}) or {@code ""}. */
  public ResponseSpec runHistory(String workflowId, String query) {
    return http.get().uri("/api/workflows/{id}/runs" + query, workflowId).exchange();
  }

  public ResponseSpec workflowStats(String workflowId) {
    return http.get().uri("/api/workflows/{id}/stats", workflowId).exchange();
  }

  /**
   * {@code GET /api/runs} (the workspace's runs), with a query ({@code "?status=failed"}) or {@code
   * ""}.
   */
  public ResponseSpec runs(String query) {
    return http.get().uri("/api/runs" + query).exchange();
  }

  // triggers

  public ResponseSpec createTrigger(String workflowId, TriggerBody trigger) {
    return post("/api/workflows/{id}/triggers", trigger.build(), workflowId);
  }

  /** Creates the trigger (201) and answers the response body. */
  public Map<String, Object> createdTrigger(String workflowId, TriggerBody trigger) {
    return body(createTrigger(workflowId, trigger).expectStatus().isCreated());
  }

  public ResponseSpec getTrigger(String workflowId, String triggerId) {
    return http.get().uri(trigger(""), workflowId, triggerId).exchange();
  }

  public ResponseSpec replaceTrigger(String workflowId, String triggerId, TriggerBody trigger) {
    return http.put()
        .uri(trigger(""), workflowId, triggerId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(trigger.build())
        .exchange();
  }

  /** {@code PATCH .../enable} or {@code .../disable}. */
  public ResponseSpec enableTrigger(String workflowId, String triggerId, boolean enabled) {
    return http.patch()
        .uri(trigger(enabled ? "/enable" : "/disable"), workflowId, triggerId)
        .exchange();
  }

  public ResponseSpec deleteTrigger(String workflowId, String triggerId) {
    return http.delete().uri(trigger(""), workflowId, triggerId).exchange();
  }

  /** {@code POST .../rotate-secret}: the new secret is in this answer only. */
  public ResponseSpec rotateSecret(String workflowId, String triggerId) {
    return http.post().uri(trigger("/rotate-secret"), workflowId, triggerId).exchange();
  }

  /** {@code POST .../fire}: runs the trigger now with {@code payload} (null: no body). */
  public ResponseSpec fireTrigger(
      String workflowId, String triggerId, Map<String, Object> payload) {
    return payload == null
        ? http.post().uri(trigger("/fire"), workflowId, triggerId).exchange()
        : post(trigger("/fire"), payload, workflowId, triggerId);
  }

  /** {@code POST .../backfill} with {@code range} ({@code from}, {@code to}) as the body. */
  public ResponseSpec backfill(String workflowId, String triggerId, Map<String, Object> range) {
    return post(trigger("/backfill"), range, workflowId, triggerId);
  }

  /** {@code GET .../history}, with a query ({@code "?limit=2"}) or {@code ""}. */
  public ResponseSpec triggerHistory(String workflowId, String triggerId, String query) {
    return http.get().uri(trigger("/history") + query, workflowId, triggerId).exchange();
  }

  public ResponseSpec listTriggers(String workflowId) {
    return http.get().uri("/api/workflows/{id}/triggers", workflowId).exchange();
  }

  // triggers by id

  /**
   * {@code POST /api/triggers}: {@code trigger} of the workflow {@code workflowId} names in the
   * body (null: the body names none).
   */
  public ResponseSpec createTopLevelTrigger(String workflowId, TriggerBody trigger) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (workflowId != null) {
      body.put("workflowId", workflowId);
    }
    body.putAll(trigger.build());
    return post("/api/triggers", body);
  }

  public ResponseSpec triggerById(String triggerId) {
    return http.get().uri("/api/triggers/{id}", triggerId).exchange();
  }

  /** {@code PATCH /api/triggers/{id}}: the fields of {@code changes} only. */
  public ResponseSpec patchTrigger(String triggerId, Map<String, Object> changes) {
    return http.patch()
        .uri("/api/triggers/{id}", triggerId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(changes)
        .exchange();
  }

  public ResponseSpec deleteTriggerById(String triggerId) {
    return http.delete().uri("/api/triggers/{id}", triggerId).exchange();
  }

  // workspace

  public ResponseSpec workspaceSettings() {
    return http.get().uri("/api/workspace/settings").exchange();
  }

  /** {@code PUT /api/workspace/settings} with {@code slug} (any JSON value; null removes it). */
  public ResponseSpec setWorkspaceSlug(Object slug) {
    Map<String, Object> body = new HashMap<>();
    body.put("slug", slug);
    return http.put()
        .uri("/api/workspace/settings")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  // plumbing

  /** {@code POST} of a JSON body. */
  public ResponseSpec post(String uri, Object body, Object... vars) {
    return http.post()
        .uri(uri, vars)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  /** {@code PUT} of a JSON body. */
  public ResponseSpec put(String uri, Object body, Object... vars) {
    return http.put()
        .uri(uri, vars)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  /** The response body as JSON. */
  public static Map<String, Object> body(ResponseSpec response) {
    return response.expectBody(JSON).returnResult().getResponseBody();
  }

  private static String created(ResponseSpec response) {
    return body(response.expectStatus().isCreated()).get("id").toString();
  }

  private static String trigger(String action) {
    return "/api/workflows/{wf}/triggers/{id}" + action;
  }
}
