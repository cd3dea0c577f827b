package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.ApiTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Keys in a workflow's free-form JSON: those that cannot mean anything are refused with their path,
 * those that can (a {@code $} query operator in an http_request body, a dotted header name) are
 * kept, stored escaped, and read back as written.
 */
class WorkflowKeysIT extends ApiTestSupport {

  private final String workspace = "ws-keys-" + UUID.randomUUID();
  private WebTestClient api;

  @BeforeEach
  void signIn() {
    api = as("u1", workspace);
  }

  @Test
  void nulKeyInNodeDataIs400NamingItsPath() {
    Map<String, Object> data = Map.of("url", "https://x.org", "headers", Map.of("a\0b", "1"));

    refused(create(workflowWith(data, Map.of())))
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[0].data.headers.a\0b");
    assertThat(storedWorkflows()).isZero();
  }

  @Test
  void emptyKeyInNodeDataIs400() {
    Map<String, Object> data = Map.of("url", "https://x.org", "body", Map.of("", 1));

    refused(create(workflowWith(data, Map.of())))
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[0].data.body.");
  }

  @Test
  void nulKeyInSettingsIs400() {
    refused(create(workflowWith(Map.of(), Map.of("editor", Map.of("\0", true)))))
        .jsonPath("$.errors[0].field")
        .isEqualTo("settings.editor.\0");
  }

  @Test
  void dollarKeyInSettingsIs400() {
    refused(create(workflowWith(Map.of(), Map.of("$set", Map.of("x", 1)))))
        .jsonPath("$.errors[0].field")
        .isEqualTo("settings.$set");
  }

  @Test
  void nulKeyInAnEditIs400AndNothingChanges() {
    String id = createWorkflow(api, workflowWith(Map.of("message", "hi"), Map.of()));
    Map<String, Object> edit = new LinkedHashMap<>(workflowWith(Map.of("x\0", 1), Map.of()));
    edit.put("version", 1);

    refused(api.put().uri("/api/workflows/{id}", id).bodyValue(edit).exchange())
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[0].data.x\0");
    api.get()
        .uri("/api/workflows/{id}", id)
        .exchange()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1);
  }

  @Test
  void operatorAndDottedKeysInNodeDataAreKeptAndStoredEscaped() {
    Map<String, Object> data =
        Map.of(
            "url", "https://x.org",
            "body", Map.of("amount", Map.of("$gt", 5), "$set", Map.of("a.b", 1)),
            "headers", Map.of("X.Trace.Id", "t", "100%", "p"));
    String id = createWorkflow(api, workflowWith(data, Map.of()));

    readBack(id, data);
    assertStoredEscaped("workflows", "_id", id);
    assertStoredEscaped("workflow_versions", "_id", id + ":1");
  }

  @Test
  void operatorKeysSurviveAnEdit() {
    String id = createWorkflow(api, workflowWith(Map.of("message", "hi"), Map.of()));
    Map<String, Object> data =
        Map.of(
            "url", "https://x.org",
            "body", Map.of("amount", Map.of("$gt", 5), "$set", Map.of("a.b", 1)),
            "headers", Map.of("X.Trace.Id", "t", "100%", "p"));
    Map<String, Object> edit = new LinkedHashMap<>(workflowWith(data, Map.of()));
    edit.put("version", 1);

    api.put().uri("/api/workflows/{id}", id).bodyValue(edit).exchange().expectStatus().isOk();

    readBack(id, data);
    assertStoredEscaped("workflows", "_id", id);
    assertStoredEscaped("workflow_versions", "_id", id + ":2");
  }

  @Test
  void dottedSettingKeysAreKeptAsWrittenThroughAnEdit() {
    Map<String, Object> settings = Map.of("timeoutMs", 1000, "editor", Map.of("zoom.level", 2));
    String id = createWorkflow(api, workflowWith(Map.of("message", "hi"), settings));
    Map<String, Object> edit = new LinkedHashMap<>(workflowWith(Map.of("message", "hi"), settings));
    edit.put("version", 1);

    api.put()
        .uri("/api/workflows/{id}", id)
        .bodyValue(edit)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.settings.editor['zoom.level']")
        .isEqualTo(2);
    Document stored = mongo.findById(id, Document.class, "workflows").block(TIMEOUT);
    assertThat(stored.get("settings", Document.class).get("editor", Document.class))
        .containsOnlyKeys("zoom.level");
  }

  private void readBack(String id, Map<String, Object> data) {
    Map<?, ?> workflow =
        api.get()
            .uri("/api/workflows/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    Map<?, ?> node = (Map<?, ?>) ((List<?>) workflow.get("nodes")).getFirst();
    assertThat(node.get("data")).isEqualTo(data);
  }

  /** No key of the stored node data starts with $ or has a dot: they are escaped. */
  private void assertStoredEscaped(String collection, String key, String id) {
    Document stored =
        mongo.findOne(Query.query(where(key).is(id)), Document.class, collection).block(TIMEOUT);
    Document data = stored.getList("nodes", Document.class).getFirst().get("data", Document.class);
    Document body = data.get("body", Document.class);
    assertThat(body.keySet()).containsExactlyInAnyOrder("amount", "%24set");
    assertThat(body.get("amount", Document.class)).containsOnlyKeys("%24gt");
    assertThat(body.get("%24set", Document.class)).containsOnlyKeys("a%2Eb");
    assertThat(data.get("headers", Document.class)).containsOnlyKeys("X%2ETrace%2EId", "100%25");
  }

  private WebTestClient.ResponseSpec create(Map<String, Object> workflow) {
    return api.post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(workflow)
        .exchange();
  }

  private static WebTestClient.BodyContentSpec refused(WebTestClient.ResponseSpec response) {
    return response
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(400);
  }

  private long storedWorkflows() {
    return mongo.count(Query.query(where("workspaceId").is(workspace)), "workflows").block(TIMEOUT);
  }

  private static Map<String, Object> workflowWith(
      Map<String, Object> data, Map<String, Object> settings) {
    return Map.of(
        "name",
        "keys",
        "nodes",
        List.of(Map.of("id", "n1", "type", "http_request", "data", data)),
        "settings",
        settings);
  }
}
