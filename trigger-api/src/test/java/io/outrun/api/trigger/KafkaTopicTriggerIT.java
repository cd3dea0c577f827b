package io.outrun.api.trigger;

import io.outrun.api.ApiTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * kafka_topic triggers through the API: stored as sent, Outrun's own topics and unknown settings
 * refused with a 400 naming the field, and invisible to another workspace.
 */
class KafkaTopicTriggerIT extends ApiTestSupport {

  private WebTestClient api;
  private String workflowId;

  @BeforeEach
  void workflow() {
    api = as("u1", "ws-kafka-" + UUID.randomUUID());
    workflowId = createWorkflow(api, validWorkflow("kafka topic"));
  }

  @Test
  void aTopicWithAFilterIsCreatedAndShownAsSent() {
    create(Map.of("topic", "orders", "filter", "value.total > 100"))
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("kafka_topic")
        .jsonPath("$.config.topic")
        .isEqualTo("orders")
        .jsonPath("$.config.filter")
        .isEqualTo("value.total > 100");
  }

  @Test
  void outrunsOwnTopicIs400NamingTheField() {
    refused(create(Map.of("topic", "outrun.run-requests")))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.topic")
        .jsonPath("$.errors.length()")
        .isEqualTo(1);
  }

  @Test
  void aSettingTheContractDoesNotKnowIs400NamingIt() {
    refused(create(Map.of("topic", "orders", "groupId", "mine")))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.groupId");
  }

  @Test
  void aFilterThatDoesNotCompileIs400() {
    refused(create(Map.of("topic", "orders", "filter", "value.total >")))
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.filter");
  }

  @Test
  void anotherWorkspaceGets404ForTheTriggerAndCannotAddOneToTheWorkflow() {
    String id =
        (String)
            create(Map.of("topic", "orders"))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    WebTestClient other = as("u2", "ws-other-" + UUID.randomUUID());

    other
        .get()
        .uri("/api/workflows/{w}/triggers/{t}", workflowId, id)
        .exchange()
        .expectStatus()
        .isNotFound();
    other
        .patch()
        .uri("/api/workflows/{w}/triggers/{t}/disable", workflowId, id)
        .exchange()
        .expectStatus()
        .isNotFound();
    other
        .post()
        .uri("/api/workflows/{id}/triggers", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("type", "kafka_topic", "name", "t", "config", Map.of("topic", "x")))
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private WebTestClient.ResponseSpec create(Map<String, Object> config) {
    return api.post()
        .uri("/api/workflows/{id}/triggers", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("type", "kafka_topic", "name", "t", "config", config))
        .exchange();
  }

  private static WebTestClient.BodyContentSpec refused(WebTestClient.ResponseSpec response) {
    return response
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody();
  }
}
