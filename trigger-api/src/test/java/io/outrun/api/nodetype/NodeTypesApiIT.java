package io.outrun.api.nodetype;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.nodes.NodeTypeCatalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

class NodeTypesApiIT extends ApiTestSupport {

  private WebTestClient api() {
    return as("alice", "ws-node-types");
  }

  @Test
  void listsEveryCatalogueTypeWithItsSchema() {
    byte[] body =
        api()
            .get()
            .uri("/api/node-types")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.nodeTypes[?(@.type == 'condition')].outputs[0]")
            .isEqualTo("true")
            .jsonPath("$.nodeTypes[?(@.type == 'condition')].category")
            .isEqualTo("logic")
            .jsonPath("$.nodeTypes[?(@.type == 'trigger.schedule')].category")
            .isEqualTo("trigger")
            .jsonPath("$.nodeTypes[?(@.type == 'parse')].dataSchema.required[0]")
            .isEqualTo("format")
            .returnResult()
            .getResponseBody();
    List<String> types =
        JsonMapper.builder()
            .build()
            .readTree(body)
            .get("nodeTypes")
            .valueStream()
            .map(type -> type.get("type").asString())
            .toList();

    assertThat(types).containsExactlyElementsOf(NodeTypeCatalogue.standard().types());
  }

  @Test
  void oneTypeIsAnsweredByName() {
    api()
        .get()
        .uri("/api/node-types/http_request")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("http_request")
        .jsonPath("$.title")
        .isEqualTo("HTTP request")
        .jsonPath("$.category")
        .isEqualTo("action")
        .jsonPath("$.outputs[0]")
        .isEqualTo("default")
        .jsonPath("$.dataSchema.properties.url.type")
        .isEqualTo("string")
        .jsonPath("$.dataSchema.properties.timeoutMs.type")
        .isEqualTo("integer");
  }

  @Test
  void aTriggerNodeSchemaIsTheTriggerConfigs() {
    api()
        .get()
        .uri("/api/node-types/trigger.webhook")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.dataSchema.properties.authType.enum")
        .isEqualTo(List.of("none", "api_key", "hmac", "bearer"))
        .jsonPath("$.dataSchema.properties.label.type")
        .isEqualTo("string");
  }

  @Test
  void anUnknownTypeIsA404Problem() {
    api()
        .get()
        .uri("/api/node-types/teleport")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404);
  }

  @Test
  void theCatalogueNeedsAToken() {
    client().get().uri("/api/node-types").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void deployRefusesDataItsSchemaRejectsNamingTheNode() {
    Map<String, Object> workflow =
        Map.of(
            "name",
            "Parse",
            "nodes",
            List.of(
                Map.of(
                    "id",
                    "p1",
                    "type",
                    "parse",
                    "position",
                    Map.of("x", 0, "y", 0),
                    "data",
                    Map.of("format", "csv", "csv", Map.of("delimiter", ";;")))),
            "edges",
            List.of());
    String id = createWorkflow(api(), workflow);

    api()
        .post()
        .uri("/api/workflows/" + id + "/deploy")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("nodes[p1].data.csv.delimiter");
  }
}
