package io.outrun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every workflow lifecycle and run history endpoint answers another workspace's ids with 404 and
 * changes nothing; odd ids are a 4xx, never a 500.
 */
class WorkspaceIsolationIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  /** Method, path template ({@code {id}} = workflow, {@code {run}} = run), body or null. */
  private record Call(HttpMethod method, String path, Object body) {}

  private static final List<Call> CALLS =
      List.of(
          new Call(HttpMethod.GET, "/api/workflows/{id}", null),
          new Call(HttpMethod.PUT, "/api/workflows/{id}", edit()),
          new Call(HttpMethod.POST, "/api/workflows/{id}/deploy", null),
          new Call(HttpMethod.POST, "/api/workflows/{id}/runs", Map.of("input", Map.of())),
          new Call(HttpMethod.DELETE, "/api/workflows/{id}", null),
          new Call(HttpMethod.POST, "/api/workflows/{id}/pause", null),
          new Call(HttpMethod.POST, "/api/workflows/{id}/resume", null),
          new Call(HttpMethod.POST, "/api/workflows/{id}/undeploy", null),
          new Call(HttpMethod.POST, "/api/workflows/{id}/rollback", Map.of("version", 1)),
          new Call(HttpMethod.POST, "/api/workflows/{id}/runs", Map.of("test", true)),
          new Call(HttpMethod.GET, "/api/workflows/{id}/deployments", null),
          new Call(HttpMethod.GET, "/api/workflows/{id}/stats", null),
          new Call(HttpMethod.GET, "/api/workflows/{id}/runs", null),
          new Call(HttpMethod.GET, "/api/runs/{run}", null),
          new Call(HttpMethod.POST, "/api/runs/{run}/cancel", null),
          new Call(HttpMethod.POST, "/api/runs/{run}/rerun", null),
          new Call(HttpMethod.POST, "/api/runs/{run}/retry", null));

  @Test
  void anotherWorkspacesWorkflowsAndRunsAreNotFoundAndUnchanged() {
    WebTestClient owner = as("u1", workspace);
    String id = createWorkflow(owner, validWorkflow("mine"));
    mongo.insert(RunDocument.of(workspace, id).test().build(), "runs").block(TIMEOUT);
    owner.post().uri("/api/workflows/{id}/deploy", id).exchange().expectStatus().isOk();
    RunDocument queued = RunDocument.of(workspace, id).status("queued");
    mongo.insert(queued.build(), "runs").block(TIMEOUT);
    Document workflowBefore = workflow(id);
    Document runBefore = run(queued.id());
    long deploymentsBefore = deployments(id);

    WebTestClient intruder = as("u2", "ws-other-" + UUID.randomUUID());
    for (Call call : CALLS) {
      exchange(intruder, call, id, queued.id())
          .expectStatus()
          .isNotFound()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    assertThat(workflow(id)).isEqualTo(workflowBefore);
    assertThat(run(queued.id())).isEqualTo(runBefore);
    assertThat(deployments(id)).isEqualTo(deploymentsBefore);
  }

  @Test
  void oddIdsAreClientErrorsNeverServerErrors() {
    WebTestClient api = as("u1", workspace);
    List<String> oddIds = List.of(" ", "x".repeat(2_000), "{\"$ne\":null}", "..", "%00", "a:1");

    for (String odd : oddIds) {
      for (Call call : CALLS) {
        exchange(api, call, odd, odd)
            .expectStatus()
            .value(status -> assertThat(status).as(call + " " + odd).isBetween(400, 499));
      }
    }
  }

  /** {@code //} collapses: {@code /api/workflows//pause} is a POST to a workflow "pause" (405). */
  @Test
  void emptyIdsAreClientErrors() {
    WebTestClient api = as("u1", workspace);

    for (String path :
        List.of("/api/workflows//pause", "/api/runs//cancel", "/api/workflows//rollback")) {
      api.post()
          .uri(path)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("version", 1))
          .exchange()
          .expectStatus()
          .value(status -> assertThat(status).as(path).isIn(404, 405));
    }
    api.get().uri("/api/workflows//stats").exchange().expectStatus().isNotFound();
  }

  private static WebTestClient.ResponseSpec exchange(
      WebTestClient api, Call call, String workflowId, String runId) {
    String path = call.path().replace("{id}", "{a}").replace("{run}", "{a}");
    String id = call.path().contains("{run}") ? runId : workflowId;
    WebTestClient.RequestBodySpec request = api.method(call.method()).uri(path, id);
    return call.body() == null
        ? request.exchange()
        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body()).exchange();
  }

  private static Map<String, Object> edit() {
    Map<String, Object> body = new HashMap<>(validWorkflow("hijacked"));
    body.put("version", 1);
    return body;
  }

  private Document workflow(String id) {
    return mongo.findById(id, Document.class, "workflows").block(TIMEOUT);
  }

  private Document run(String id) {
    return mongo.findById(id, Document.class, "runs").block(TIMEOUT);
  }

  private long deployments(String workflowId) {
    return mongo
        .count(Query.query(Criteria.where("workflowId").is(workflowId)), "deployments")
        .block(TIMEOUT);
  }
}
