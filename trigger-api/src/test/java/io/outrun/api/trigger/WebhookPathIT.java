package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A webhook's {@code path}: unique within the workspace, checked like the rest of its config. */
class WebhookPathIT extends TriggerItSupport {

  private static Map<String, Object> webhook(String path) {
    return Map.of(
        "type", "webhook", "name", "hook", "config", Map.of("method", "ANY", "path", path));
  }

  @Test
  void pathIsStoredNormalizedAndShown() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("paths"));

    Map<String, Object> created =
        body(create(api, workflowId, webhook("/orders/new/")).expectStatus().isCreated());

    assertThat(created.get("config"))
        .isEqualTo(
            Map.of(
                "method", "ANY",
                "authType", "none",
                "allowedOrigins", java.util.List.of(),
                "responseFormat", "json",
                "path", "orders/new"));
  }

  @Test
  void aPathAnotherWebhookOfTheWorkspaceHasIs409() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("paths taken"));
    create(api, workflowId, webhook("orders")).expectStatus().isCreated();
    String other = createWorkflow(api, validWorkflow("paths taken 2"));

    create(api, other, webhook("orders"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("config.path");
  }

  @Test
  void anotherWorkspaceMayUseTheSamePath() {
    WebTestClient api = api();
    create(api, createWorkflow(api, validWorkflow("mine")), webhook("shared"))
        .expectStatus()
        .isCreated();
    WebTestClient other = otherWorkspace();

    create(other, createWorkflow(other, validWorkflow("theirs")), webhook("shared"))
        .expectStatus()
        .isCreated();
  }

  @Test
  void savingAWebhookAgainKeepsItsOwnPath() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("resave"));
    String id =
        (String)
            body(create(api, workflowId, webhook("again")).expectStatus().isCreated()).get("id");

    api.patch()
        .uri("/api/triggers/{id}", id)
        .bodyValue(Map.of("name", "renamed"))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void anInvalidPathIs400NamingIt() {
    WebTestClient api = api();
    String workflowId = createWorkflow(api, validWorkflow("bad path"));

    create(api, workflowId, webhook("Orders/../x"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.path");
  }
}
