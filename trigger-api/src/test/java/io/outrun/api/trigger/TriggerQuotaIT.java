package io.outrun.api.trigger;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Enabled triggers per workspace ({@code outrun.quotas.active-triggers}); RunQuotaIT's context. */
@TestPropertySource(
    properties = {"outrun.quotas.runs-per-minute=2", "outrun.quotas.active-triggers=2"})
class TriggerQuotaIT extends ApiTestSupport {

  @Test
  void creatingAnEnabledTriggerBeyondTheQuotaIs409ButADisabledOneIsStored() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    String workflowId = api.createWorkflow(WorkflowBody.named("busy"));
    api.createdTrigger(workflowId, TriggerBody.schedule("0 1 * * *"));
    api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *"));

    api.createTrigger(workflowId, TriggerBody.schedule("0 3 * * *"))
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.limit")
        .isEqualTo(2);
    api.createTrigger(workflowId, TriggerBody.schedule("0 4 * * *").disabled())
        .expectStatus()
        .isCreated();
  }

  @Test
  void enablingATriggerBeyondTheQuotaIs409UntilAnotherIsDisabled() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    String workflowId = api.createWorkflow(WorkflowBody.named("busy"));
    String first =
        (String) api.createdTrigger(workflowId, TriggerBody.schedule("0 1 * * *")).get("id");
    api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *"));
    String waiting =
        (String)
            api.createdTrigger(workflowId, TriggerBody.schedule("0 3 * * *").disabled()).get("id");

    api.enableTrigger(workflowId, waiting, true).expectStatus().isEqualTo(409);
    api.enableTrigger(workflowId, first, true).expectStatus().isOk();

    api.enableTrigger(workflowId, first, false).expectStatus().isOk();
    api.enableTrigger(workflowId, waiting, true).expectStatus().isOk();
  }

  @Test
  void anotherWorkspaceHasItsOwnQuota() {
    ApiClient full = apiAs("u1", "ws-" + UUID.randomUUID());
    String fullWorkflow = full.createWorkflow(WorkflowBody.named("full"));
    full.createdTrigger(fullWorkflow, TriggerBody.schedule("0 1 * * *"));
    full.createdTrigger(fullWorkflow, TriggerBody.schedule("0 2 * * *"));

    ApiClient other = apiAs("u2", "ws-" + UUID.randomUUID());
    String otherWorkflow = other.createWorkflow(WorkflowBody.named("other"));
    other
        .createTrigger(otherWorkflow, TriggerBody.schedule("0 1 * * *"))
        .expectStatus()
        .isCreated();
  }

  @Test
  void aWorkspacesOwnActiveTriggersReplacesTheDefaultAtOnce() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    String workflowId = api.createWorkflow(WorkflowBody.named("lowered"));
    api.put("/api/workspace/settings", Map.of("quotas", Map.of("activeTriggers", 1)))
        .expectStatus()
        .isOk();
    api.createdTrigger(workflowId, TriggerBody.schedule("0 1 * * *"));

    api.createTrigger(workflowId, TriggerBody.schedule("0 2 * * *"))
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.limit")
        .isEqualTo(1);

    api.put("/api/workspace/settings", Map.of("quotas", Map.of("activeTriggers", 3)))
        .expectStatus()
        .isOk();
    api.createdTrigger(workflowId, TriggerBody.schedule("0 2 * * *"));
    api.createdTrigger(workflowId, TriggerBody.schedule("0 3 * * *"));
  }
}
