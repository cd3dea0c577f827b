package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A webhook's {@code path}: unique within the workspace, checked like the rest of its config. */
class WebhookPathIT extends TriggerItSupport {

  private static TriggerBody webhook(String path) {
    return TriggerBody.webhookAt(path).named("hook");
  }

  @Test
  void pathIsStoredNormalizedAndShown() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("paths"));

    Map<String, Object> created = api.createdTrigger(workflowId, webhook("/orders/new/"));

    assertThat(created.get("config"))
        .isEqualTo(
            Map.of(
                "method", "ANY",
                "authType", "none",
                "allowedOrigins", List.of(),
                "responseFormat", "json",
                "path", "orders/new"));
  }

  @Test
  void aPathAnotherWebhookOfTheWorkspaceHasIs409() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("paths taken"));
    api.createdTrigger(workflowId, webhook("orders"));
    String other = api.createWorkflow(WorkflowBody.named("paths taken 2"));

    api.createTrigger(other, webhook("orders"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("config.path");
  }

  @Test
  void anotherWorkspaceMayUseTheSamePath() {
    ApiClient api = owner();
    api.createdTrigger(api.createWorkflow(WorkflowBody.named("mine")), webhook("shared"));
    ApiClient other = stranger();

    other
        .createTrigger(other.createWorkflow(WorkflowBody.named("theirs")), webhook("shared"))
        .expectStatus()
        .isCreated();
  }

  @Test
  void savingAWebhookAgainKeepsItsOwnPath() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("resave"));
    String id = (String) api.createdTrigger(workflowId, webhook("again")).get("id");

    api.patchTrigger(id, Map.of("name", "renamed")).expectStatus().isOk();
  }

  @Test
  void anInvalidPathIs400NamingIt() {
    ApiClient api = owner();
    String workflowId = api.createWorkflow(WorkflowBody.named("bad path"));

    api.createTrigger(workflowId, webhook("Orders/../x"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("config.path");
  }
}
