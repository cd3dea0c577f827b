package io.outrun.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * JSON is read as written: a scalar of the wrong type is a 400 naming the field, never converted;
 * text must be well-formed Unicode; a key may appear once.
 */
class StrictJsonIT extends ApiTestSupport {

  private WebTestClient api;
  private String workflowId;

  @BeforeEach
  void workflow() {
    api = as("u1", "ws-strict-" + UUID.randomUUID());
    workflowId = createWorkflow(api, validWorkflow("strict"));
  }

  @Test
  void numericNameIs400() {
    wrongType("/api/workflows", "{\"name\":123}", "name", "must be a string");
  }

  @Test
  void booleanNameIs400() {
    wrongType("/api/workflows", "{\"name\":true}", "name", "must be a string");
  }

  @Test
  void numericTriggerNameIs400() {
    wrongType(triggers(), "{\"type\":\"manual\",\"name\":5}", "name", "must be a string");
  }

  @Test
  void numericEnabledIs400() {
    wrongType(
        triggers(),
        "{\"type\":\"manual\",\"name\":\"n\",\"enabled\":123}",
        "enabled",
        "must be true or false");
  }

  @Test
  void textualEnabledIs400() {
    wrongType(
        triggers(),
        "{\"type\":\"manual\",\"name\":\"n\",\"enabled\":\"true\"}",
        "enabled",
        "must be true or false");
  }

  @Test
  void fractionalVersionIs400NotVersion1() {
    put("{\"name\":\"x\",\"version\":1.5}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("version")
        .jsonPath("$.errors[0].message")
        .isEqualTo("must be a whole number");
    api.get()
        .uri("/api/workflows/{id}", workflowId)
        .exchange()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1);
  }

  @Test
  void textualVersionIs400() {
    put("{\"name\":\"x\",\"version\":\"1\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("version");
  }

  @Test
  void textualPositionIs400() {
    wrongType(
        "/api/workflows",
        "{\"name\":\"p\",\"nodes\":[{\"id\":\"n1\",\"type\":\"log\",\"position\":{\"x\":\"1\",\"y\":0}}]}",
        "nodes[0].position.x",
        "must be a number");
  }

  @Test
  void loneSurrogateInANameIs400() {
    post("/api/workflows", "{\"name\":\"a\\ud800b\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void loneSurrogateInNodeDataIs400() {
    post(
            "/api/workflows",
            "{\"name\":\"s\",\"nodes\":[{\"id\":\"n1\",\"type\":\"log\",\"data\":{\"message\":\"\\udc00\"}}]}")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void loneSurrogateInAKeyIs400() {
    post(
            "/api/workflows",
            "{\"name\":\"s\",\"nodes\":[{\"id\":\"n1\",\"type\":\"log\",\"data\":{\"h\":{\"\\ud800\":1}}}]}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("surrogate"));
  }

  @Test
  void loneSurrogateInAKeyOfALatin1BodyIs400() {
    String json = "{\"name\":\"s\",\"settings\":{\"\\udc00\":1}}";

    api.post()
        .uri("/api/workflows")
        .contentType(MediaType.parseMediaType("application/json;charset=ISO-8859-1"))
        .bodyValue(json.getBytes(StandardCharsets.ISO_8859_1))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  /** JSON between systems must be UTF-8 (RFC 8259, 8.1). */
  @Test
  void utf16BodyIs400() {
    api.post()
        .uri("/api/workflows")
        .contentType(MediaType.parseMediaType("application/json;charset=UTF-16"))
        .bodyValue("{\"name\":\"utf16\"}".getBytes(StandardCharsets.UTF_16))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("not well-formed UTF-8"));
  }

  @Test
  void loneSurrogateInRunInputIs400() {
    post("/api/workflows/" + workflowId + "/runs", "{\"input\":{\"k\":[\"\\ud800x\"]}}")
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void invalidUtf8InAKeyTheParserHasSeenIs400() {
    String trigger = triggers();
    post(trigger, "{\"type\":\"manual\",\"name\":\"seen\",\"config\":{}}")
        .expectStatus()
        .isCreated();
    byte[] broken =
        "{\"type\":\"manual\",\"name\":\"broken\",\"conf#ig\":{}}".getBytes(StandardCharsets.UTF_8);
    broken[new String(broken, StandardCharsets.UTF_8).indexOf('#')] = (byte) 0xFF;

    api.post()
        .uri(trigger)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(broken)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("not well-formed UTF-8"));
  }

  @Test
  void surrogatePairsAreFine() {
    post("/api/workflows", "{\"name\":\"rocket \\ud83d\\ude80 \uD83D\uDE80\"}")
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("rocket \uD83D\uDE80 \uD83D\uDE80");
  }

  @Test
  void duplicateKeyIs400() {
    post("/api/workflows", "{\"name\":\"a\",\"name\":\"b\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(
            detail ->
                org.assertj.core.api.Assertions.assertThat((String) detail).contains("Duplicate"));
  }

  private String triggers() {
    return "/api/workflows/" + workflowId + "/triggers";
  }

  private void wrongType(String uri, String body, String field, String message) {
    post(uri, body)
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo(field)
        .jsonPath("$.errors[0].message")
        .isEqualTo(message);
  }

  private WebTestClient.ResponseSpec post(String uri, String json) {
    return api.post()
        .uri(uri)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json.getBytes(StandardCharsets.UTF_8))
        .exchange();
  }

  private WebTestClient.ResponseSpec put(String json) {
    return api.put()
        .uri("/api/workflows/{id}", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json.getBytes(StandardCharsets.UTF_8))
        .exchange();
  }
}
