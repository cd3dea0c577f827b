package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.RunBody;
import io.outrun.api.WorkflowBody;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Runs started per minute per workspace ({@code outrun.quotas.runs-per-minute}), own context. */
@TestPropertySource(
    properties = {"outrun.quotas.runs-per-minute=2", "outrun.quotas.active-triggers=2"})
class RunQuotaIT extends ApiTestSupport {

  @Test
  void aManualRunBeyondTheWorkspacesRunsPerMinuteIs429WithRetryAfter() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    String workflowId = api.createWorkflow(WorkflowBody.named("limited"));
    api.startedRun(workflowId, RunBody.none());
    api.startedRun(workflowId, RunBody.none());

    api.startRun(workflowId, RunBody.none())
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(
            HttpHeaders.RETRY_AFTER,
            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 30L))
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(429)
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("2 runs a minute"));
  }

  @Test
  void anotherWorkspaceStillStartsRunsWhileOneIsAtItsLimit() {
    ApiClient flooding = apiAs("u1", "ws-" + UUID.randomUUID());
    String floodingWorkflow = flooding.createWorkflow(WorkflowBody.named("flood"));
    flooding.startedRun(floodingWorkflow, RunBody.none());
    flooding.startedRun(floodingWorkflow, RunBody.none());
    flooding.startRun(floodingWorkflow, RunBody.none()).expectStatus().isEqualTo(429);

    ApiClient quiet = apiAs("u2", "ws-" + UUID.randomUUID());
    String quietWorkflow = quiet.createWorkflow(WorkflowBody.named("quiet"));
    quiet.startRun(quietWorkflow, RunBody.none()).expectStatus().isAccepted();
  }

  @Test
  void aWorkspacesOwnRunsPerMinuteReplacesTheDefault() {
    ApiClient api = apiAs("u1", "ws-" + UUID.randomUUID());
    api.put("/api/workspace/settings", Map.of("quotas", Map.of("runsPerMinute", 3)))
        .expectStatus()
        .isOk();
    String workflowId = api.createWorkflow(WorkflowBody.named("raised"));
    for (int i = 0; i < 3; i++) {
      api.startedRun(workflowId, RunBody.none());
    }

    api.startRun(workflowId, RunBody.none())
        .expectStatus()
        .isEqualTo(429)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("3 runs a minute"));
  }
}
