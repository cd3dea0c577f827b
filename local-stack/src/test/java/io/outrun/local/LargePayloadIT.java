package io.outrun.local;

import static io.outrun.local.StackFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Payloads over Kafka's 1 MiB record limit (issue 11, case 5), through the three services: the
 * listener and trigger-api store them aside, the runner reads them back, and the run's {@code
 * $trigger} holds all of it.
 */
class LargePayloadIT {

  private static final String LENGTH =
      "$trigger.body.text ? $length($trigger.body.text) : ($trigger.n ? $count($trigger.n) : 0)";

  private static StackFixture stack;

  @BeforeAll
  static void startServices() {
    stack = StackFixture.start("large", "ws-large");
  }

  @AfterAll
  static void stopServices() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aFiveMegabyteWebhookBodyRunsWithAllOfItInItsTrigger() {
    String workflowId = deployedLengthWorkflow("large webhook");
    String triggerId = stack.createWebhook(workflowId, Map.of());
    String text = "x".repeat(5 * 1024 * 1024);

    String runId = stack.awaitWebhookAccepted(triggerId, Map.of("text", text), headers -> {});
    Map<String, Object> run = stack.awaitFinishedRun(runId);

    assertThat(run).containsEntry("status", "completed");
    assertThat(lengthOutput(run)).isEqualTo(text.length());
    Map<?, ?> trigger = (Map<?, ?>) ((Map<?, ?>) run.get("triggeredBy")).get("payload");
    assertThat(((Map<?, ?>) trigger.get("body")).get("text")).isEqualTo(text);
  }

  @Test
  void aManualRunInputThatGrowsPastKafkasLimitRunsWithAllOfIt() {
    String workflowId = deployedLengthWorkflow("large input");
    int count = 190_000;
    String body = "{\"input\":{\"n\":[" + "1e9,".repeat(count - 1) + "1e9]}}";

    String runId =
        (String)
            StackFixture.json(
                    stack
                        .authorized(stack.api.post().uri("/api/workflows/{id}/runs", workflowId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isAccepted())
                .get("runId");
    Map<String, Object> run = stack.awaitFinishedRun(runId);

    assertThat(run).containsEntry("status", "completed");
    assertThat(lengthOutput(run)).isEqualTo(count);
  }

  private static Object lengthOutput(Map<String, Object> run) {
    List<?> steps = (List<?>) run.get("steps");
    return ((Number) ((Map<?, ?>) steps.getFirst()).get("output")).intValue();
  }

  private static String deployedLengthWorkflow(String name) {
    String workflowId =
        stack.createWorkflow(
            name, List.of(node("length", "transform", Map.of("expression", LENGTH))));
    stack.deploy(workflowId, Map.of());
    return workflowId;
  }
}
