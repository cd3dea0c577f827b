package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class TriggerApiIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void webhookTriggerIsCreatedWithItsUrlAndListed() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("hooked"));

    Map<String, Object> trigger =
        create(
                api,
                workflowId,
                Map.of(
                    "type",
                    "webhook",
                    "name",
                    "Incoming lead",
                    "enabled",
                    true,
                    "config",
                    Map.of("method", "post", "authType", "none")))
            .expectStatus()
            .isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();

    String id = (String) trigger.get("id");
    assertThat(trigger)
        .containsEntry("workflowId", workflowId)
        .containsEntry("type", "webhook")
        .containsEntry("name", "Incoming lead")
        .containsEntry("enabled", true)
        .containsEntry("config", Map.of("method", "POST", "authType", "none"))
        .containsEntry("triggerCount", 0)
        .containsEntry("lastTriggeredAt", null)
        .containsEntry("webhookUrl", "https://hooks.example.org/api/webhooks/" + id)
        .containsKey("createdAt");
    api.get()
        .uri("/api/workflows/{id}/triggers", workflowId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(1)
        .jsonPath("$[0].id")
        .isEqualTo(id);
  }

  @Test
  void unsupportedTriggerTypeIs400() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("scheduled"));

    create(api, workflowId, Map.of("type", "schedule", "name", "nightly", "config", Map.of()))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("not supported yet"));
  }

  @Test
  void authenticatedWebhookIs400ForNow() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("signed"));

    create(
            api,
            workflowId,
            Map.of("type", "webhook", "name", "signed", "config", Map.of("authType", "hmac")))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.authType");
  }

  @Test
  void triggersOfAnotherWorkspacesWorkflowAreNotFound() {
    String theirs = createWorkflow(as("u2", "ws-other-" + UUID.randomUUID()), validWorkflow("x"));

    as("u1", workspace)
        .get()
        .uri("/api/workflows/{id}/triggers", theirs)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  private static WebTestClient.ResponseSpec create(
      WebTestClient api, String workflowId, Map<String, Object> body) {
    return api.post()
        .uri("/api/workflows/{id}/triggers", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }
}
