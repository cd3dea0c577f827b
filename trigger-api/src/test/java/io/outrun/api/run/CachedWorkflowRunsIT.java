package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With workflow headers kept in memory (as the local stack runs trigger-api), a run request sees
 * every change this trigger-api made to the workflow, however recently.
 */
@TestPropertySource(properties = "outrun.api.workflows.header-cache-ttl=1m")
class CachedWorkflowRunsIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Autowired EventConsumers consumers;

  @Test
  void aRunAfterAnEditRunsTheEditedVersion() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("edited"));
    startRun(api, workflowId).isAccepted();

    Map<String, Object> edit = new java.util.HashMap<>(validWorkflow("edited again"));
    edit.put("version", 1);
    api.put()
        .uri("/api/workflows/{id}", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(edit)
        .exchange()
        .expectStatus()
        .isOk();
    String runId =
        startRun(api, workflowId)
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId")
            .toString();

    RunRequested request =
        consumers
            .create("trigger-api-it-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
            .receive()
            .filter(delivery -> delivery.event().runId().equals(runId))
            .next()
            .block(TIMEOUT)
            .event();
    assertThat(request.workflowVersion()).isEqualTo(2);
  }

  @Test
  void aRunAfterArchivingIsRefused() {
    WebTestClient api = as("u1", workspace);
    String workflowId = createWorkflow(api, validWorkflow("archived"));
    startRun(api, workflowId).isAccepted();

    api.delete().uri("/api/workflows/{id}", workflowId).exchange().expectStatus().is2xxSuccessful();

    startRun(api, workflowId).isEqualTo(409);
  }

  private StatusAssertions startRun(WebTestClient api, String workflowId) {
    return api.post()
        .uri("/api/workflows/{id}/runs", workflowId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("input", Map.of("items", List.of())))
        .exchange()
        .expectStatus();
  }
}
