package io.outrun.api.trigger;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.WorkflowBody;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** HTTP helpers the trigger ITs share (same context as every other IT). */
abstract class TriggerItSupport extends ApiTestSupport {

  static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  final String workspace = "ws-" + UUID.randomUUID();

  WebTestClient api() {
    return as("u1", workspace);
  }

  WebTestClient otherWorkspace() {
    return as("u2", "ws-other-" + UUID.randomUUID());
  }

  /** The API as the workspace's user sees it. */
  ApiClient owner() {
    return apiAs("u1", workspace);
  }

  /** The API as a user of another workspace sees it. */
  ApiClient stranger() {
    return apiAs("u2", "ws-other-" + UUID.randomUUID());
  }

  /** A workflow made active (deployed version 1) the way the deploy gate allows. */
  String activeWorkflow(ApiClient api, String name) {
    String workflowId = api.createWorkflow(WorkflowBody.named(name));
    deployTested(api, workflowId, 1);
    return workflowId;
  }

  static WebTestClient.ResponseSpec post(
      WebTestClient api, String uri, Object body, Object... vars) {
    return api.post()
        .uri(uri, vars)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  static WebTestClient.ResponseSpec create(
      WebTestClient api, String workflowId, Map<String, Object> body) {
    return post(api, "/api/workflows/{id}/triggers", body, workflowId);
  }

  /** Creates a trigger (201) and answers the response body. */
  static Map<String, Object> created(
      WebTestClient api, String workflowId, String type, Map<String, Object> config) {
    return create(
            api, workflowId, Map.of("type", type, "name", type + " trigger", "config", config))
        .expectStatus()
        .isCreated()
        .expectBody(JSON)
        .returnResult()
        .getResponseBody();
  }

  static Map<String, Object> body(WebTestClient.ResponseSpec response) {
    return response.expectBody(JSON).returnResult().getResponseBody();
  }

  /** The stored {@code triggers} document. */
  Document storedTrigger(String id) {
    return mongo.findById(id, Document.class, Trigger.COLLECTION).block(TIMEOUT);
  }

  /** A workflow made active (deployed version 1) the way the deploy gate allows. */
  String activeWorkflow(WebTestClient api, String name) {
    String workflowId = createWorkflow(api, validWorkflow(name));
    Document testRun =
        new Document("_id", UUID.randomUUID().toString())
            .append("requestEventId", UUID.randomUUID().toString())
            .append("workspaceId", workspace)
            .append("workflowId", workflowId)
            .append("workflowVersion", 1)
            .append("test", true)
            .append("status", "completed");
    mongo.insert(testRun, "runs").block(TIMEOUT);
    api.post().uri("/api/workflows/{id}/deploy", workflowId).exchange().expectStatus().isOk();
    return workflowId;
  }
}
