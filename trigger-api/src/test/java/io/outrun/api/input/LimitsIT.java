package io.outrun.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The default limits of {@link ApiLimits}, each refused with a problem that names it. */
class LimitsIT extends ApiTestSupport {

  private final String workspace = "ws-limits-" + UUID.randomUUID();
  private WebTestClient api;

  @BeforeEach
  void signIn() {
    api = as("u1", workspace);
  }

  @Test
  void moreThanAThousandNodesIs400() {
    refused(postWorkflow(chain(1_001, 0)))
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes")
        .jsonPath("$.errors[0].message")
        .value(message -> assertThat((String) message).contains("at most 1000"));
  }

  @Test
  void aThousandNodesAreAccepted() {
    postWorkflow(chain(1_000, 999)).expectStatus().isCreated();
  }

  @Test
  void moreThanTwoThousandEdgesIs400() {
    refused(postWorkflow(chain(2, 2_001))).jsonPath("$.errors[0].field").isEqualTo("edges");
  }

  @Test
  void workflowOverHalfAMegabyteOfJsonIs400() {
    Map<String, Object> data = new HashMap<>();
    IntStream.range(0, 7).forEach(i -> data.put("text" + i, "x".repeat(90_000)));
    Map<String, Object> workflow =
        Map.of("name", "big", "nodes", List.of(Map.of("id", "n1", "type", "log", "data", data)));

    refused(postWorkflow(workflow)).jsonPath("$.maxSize").isEqualTo(512 * 1024);
  }

  @Test
  void nestingDeeperThan64Is400() {
    String deep = "[".repeat(65) + "]".repeat(65);
    String body =
        "{\"name\":\"deep\",\"nodes\":[{\"id\":\"n1\",\"type\":\"log\",\"data\":{\"x\":"
            + deep
            + "}}]}";

    refused(postRaw("/api/workflows", body))
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("nesting depth"));
  }

  @Test
  void nestingIsBoundedInRunInputToo() {
    String id = createWorkflow(api, validWorkflow("runs"));
    String deep = "{\"a\":".repeat(70) + "1" + "}".repeat(70);

    refused(postRaw("/api/workflows/" + id + "/runs", "{\"input\":" + deep + "}"));
  }

  @Test
  void nameOver200CharactersIs400() {
    refused(postWorkflow(Map.of("name", "n".repeat(201))))
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void triggerNameOver200CharactersIs400() {
    String id = createWorkflow(api, validWorkflow("t"));

    refused(
            api.post()
                .uri("/api/workflows/{id}/triggers", id)
                .bodyValue(Map.of("type", "manual", "name", "n".repeat(201)))
                .exchange())
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void nodeIdOver200CharactersIs400() {
    Map<String, Object> node = Map.of("id", "i".repeat(201), "type", "log");

    refused(postWorkflow(Map.of("name", "ids", "nodes", List.of(node))))
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[0].id");
  }

  @Test
  void stringOver100kCharactersIs400() {
    Map<String, Object> node =
        Map.of("id", "n1", "type", "log", "data", Map.of("message", "m".repeat(100_001)));

    refused(postWorkflow(Map.of("name", "long", "nodes", List.of(node))))
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("String value length"));
  }

  @Test
  void keyOver1024CharactersIs400() {
    refused(
        postRaw(
            "/api/workflows", "{\"name\":\"k\",\"settings\":{\"" + "k".repeat(1_025) + "\":1}}"));
  }

  @Test
  void numberOver100DigitsIs400() {
    refused(
        postRaw("/api/workflows", "{\"name\":\"n\",\"settings\":{\"x\":" + "9".repeat(101) + "}}"));
  }

  @Test
  void numberTooLargeForADoubleIs400() {
    refused(postRaw("/api/workflows", "{\"name\":\"n\",\"settings\":{\"x\":1e400}}"))
        .jsonPath("$.errors[0].field")
        .isEqualTo("settings.x");
  }

  @Test
  void moreThan200kTokensIs400() {
    String array = "[" + "0,".repeat(200_000) + "0]";

    refused(postRaw("/api/workflows", "{\"name\":\"t\",\"settings\":{\"x\":" + array + "}}"))
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("Token count"));
  }

  @Test
  void fullWorkspaceGets409ForANewWorkflow() {
    insertMany("workflows", 1_000, i -> new Document("status", "draft").append("name", "w" + i));

    api.post()
        .uri("/api/workflows")
        .bodyValue(validWorkflow("one too many"))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.limit")
        .isEqualTo(1_000);
  }

  @Test
  void archivedWorkflowsDoNotCountTowardsTheLimit() {
    insertMany("workflows", 1_000, i -> new Document("status", "archived").append("name", "w"));

    api.post()
        .uri("/api/workflows")
        .bodyValue(validWorkflow("fits"))
        .exchange()
        .expectStatus()
        .isCreated();
  }

  @Test
  void fullWorkspaceGets409ForANewTrigger() {
    String id = createWorkflow(api, validWorkflow("triggers"));
    insertMany("triggers", 1_000, i -> new Document("type", "manual").append("workflowId", id));

    api.post()
        .uri("/api/workflows/{id}/triggers", id)
        .bodyValue(Map.of("type", "manual", "name", "one too many"))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.limit")
        .isEqualTo(1_000);
  }

  /** {@code nodes} log nodes and {@code edges} edges between the first two, or along the chain. */
  private static Map<String, Object> chain(int nodes, int edges) {
    List<Map<String, Object>> nodeList = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      nodeList.add(Map.of("id", "n" + i, "type", "log", "data", Map.of("message", "m")));
    }
    List<Map<String, Object>> edgeList = new ArrayList<>();
    for (int i = 0; i < edges; i++) {
      String source = nodes > 2 ? "n" + i : "n0";
      String target = nodes > 2 ? "n" + (i + 1) : "n1";
      edgeList.add(Map.of("id", "e" + i, "source", source, "target", target));
    }
    return Map.of("name", "chain", "nodes", nodeList, "edges", edgeList);
  }

  private void insertMany(
      String collection, int count, java.util.function.IntFunction<Document> make) {
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(
          make.apply(i)
              .append("_id", UUID.randomUUID().toString())
              .append("workspaceId", workspace)
              .append("createdAt", Instant.now()));
    }
    mongo.insert(documents, collection).then().block(TIMEOUT);
  }

  private WebTestClient.ResponseSpec postWorkflow(Map<String, Object> workflow) {
    return api.post().uri("/api/workflows").bodyValue(workflow).exchange();
  }

  private WebTestClient.ResponseSpec postRaw(String uri, String json) {
    return api.post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json.getBytes(StandardCharsets.UTF_8))
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
}
