package io.outrun.api.trigger;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.WorkflowBody;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the trigger ITs share (same context as every other IT): a workspace and its users. */
abstract class TriggerItSupport extends ApiTestSupport {

  static final ParameterizedTypeReference<Map<String, Object>> JSON = ApiClient.JSON;

  final String workspace = "ws-" + UUID.randomUUID();

  /** The API as the workspace's user sees it. */
  ApiClient owner() {
    return apiAs("u1", workspace);
  }

  /** The API as a user of another workspace sees it. */
  ApiClient stranger() {
    return apiAs("u2", "ws-other-" + UUID.randomUUID());
  }

  static Map<String, Object> body(WebTestClient.ResponseSpec response) {
    return ApiClient.body(response);
  }

  /** The stored {@code triggers} document. */
  Document storedTrigger(String id) {
    return mongo.findById(id, Document.class, Trigger.COLLECTION).block(TIMEOUT);
  }

  /** A workflow made active (deployed version 1) the way the deploy gate allows. */
  String activeWorkflow(ApiClient api, String name) {
    String workflowId = api.createWorkflow(WorkflowBody.named(name));
    deployTested(api, workflowId, 1);
    return workflowId;
  }
}
