package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunBody;
import io.outrun.api.WorkflowBody;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With workflow headers kept in memory (as the local stack runs trigger-api), a run request sees
 * every change this trigger-api made to the workflow, however recently.
 */
@TestPropertySource(properties = "outrun.api.workflows.header-cache-ttl=1m")
class CachedWorkflowRunsIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  private static final RunBody NO_ITEMS = RunBody.input(Map.of("items", List.of()));

  @Test
  void aRunAfterAnEditRunsTheEditedVersion() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("edited"));
    api.startedRun(workflowId, NO_ITEMS);

    api.editWorkflow(workflowId, WorkflowBody.named("edited again").version(1))
        .expectStatus()
        .isOk();
    String runId = api.startedRun(workflowId, NO_ITEMS);

    assertThat(requestFor(runId).workflowVersion()).isEqualTo(2);
  }

  @Test
  void aRunAfterArchivingIsRefused() {
    ApiClient api = apiAs("u1", workspace);
    String workflowId = api.createWorkflow(WorkflowBody.named("archived"));
    api.startedRun(workflowId, NO_ITEMS);

    api.deleteWorkflow(workflowId).expectStatus().is2xxSuccessful();

    api.startRun(workflowId, NO_ITEMS).expectStatus().isEqualTo(409);
  }
}
