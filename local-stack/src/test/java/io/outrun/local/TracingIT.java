package io.outrun.local;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.Topics;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace from the HTTP request that causes a run (a manual run on trigger-api, a webhook on the
 * listener) through the run request on Kafka to the runner: the run document, the run-completed
 * record's headers and the runner's log lines of the run all name the trace id of the incoming
 * {@code traceparent}; a request without one gets a trace of its own.
 */
class TracingIT {

  private static final String RUN_LOG = "io.outrun.runner.engine.RunLifecycle";
  private static final String LOG_NODE = "io.outrun.runner.node.LogNode";

  private static StackFixture stack;
  private static RawKafka kafka;
  private static RunLogLines logLines;

  @BeforeAll
  static void startServices() {
    stack = StackFixture.start("trace", "ws-trace");
    kafka = new RawKafka(TestInfra.shared().kafkaBootstrapServers());
    logLines = RunLogLines.of(RUN_LOG, LOG_NODE);
  }

  @AfterAll
  static void stopServices() {
    if (logLines != null) {
      logLines.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aManualRunContinuesTheTraceOfItsRequest() {
    String workflowId = createWorkflow("traced manual run");
    String traceId = newTraceId();

    String runId =
        stack.startRun(workflowId, Map.of(), h -> h.set("traceparent", traceparent(traceId)));

    assertTraced(workflowId, runId, traceId);
  }

  @Test
  void aWebhookRunContinuesTheTraceOfTheWebhookRequest() {
    String workflowId = createWorkflow("traced webhook run");
    stack.deploy(workflowId, Map.of());
    String triggerId = stack.createWebhook(workflowId, Map.of());
    String traceId = newTraceId();

    String runId =
        stack.awaitWebhookAccepted(
            triggerId, Map.of("name", "Grace"), h -> h.set("traceparent", traceparent(traceId)));

    assertTraced(workflowId, runId, traceId);
  }

  @Test
  void aRunRequestedWithoutTraceparentGetsAFreshTrace() {
    String workflowId = createWorkflow("untraced manual run");

    String runId = stack.startRun(workflowId, Map.of());
    Map<String, Object> run = stack.awaitFinishedRun(runId);

    assertThat((String) run.get("traceId")).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertTraced(workflowId, runId, (String) run.get("traceId"));
  }

  private static void assertTraced(String workflowId, String runId, String traceId) {
    Map<String, Object> run = stack.awaitFinishedRun(runId);
    assertThat(run).containsEntry("status", "completed").containsEntry("traceId", traceId);

    ConsumerRecord<String, byte[]> completion = completionOf(workflowId, runId);
    assertThat(RawKafka.header(completion, "traceparent"))
        .startsWith("00-" + traceId + "-")
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    List<RunLogLines.Line> lines =
        await().atMost(10, SECONDS).until(() -> logLines.ofRun(runId), found -> found.size() >= 2);
    assertThat(lines)
        .allSatisfy(line -> assertThat(line.mdc()).containsEntry("traceId", traceId))
        .anySatisfy(line -> assertThat(line.message()).contains(runId, "completed"))
        .anySatisfy(line -> assertThat(line.message()).contains(runId, "node say: hello"));
  }

  private static ConsumerRecord<String, byte[]> completionOf(String workflowId, String runId) {
    return await()
        .atMost(20, SECONDS)
        .until(
            () ->
                kafka.readAll(Topics.RUN_COMPLETIONS, workflowId).stream()
                    .filter(
                        record ->
                            new String(record.value(), StandardCharsets.UTF_8).contains(runId))
                    .findFirst()
                    .orElse(null),
            record -> record != null);
  }

  private static String newTraceId() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] |= 1; // never all zeros
    return HexFormat.of().formatHex(bytes);
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-00f067aa0ba902b7-01";
  }

  private static String createWorkflow(String name) {
    return stack.createWorkflow(
        name, List.of(StackFixture.node("say", "log", Map.of("message", "hello"))));
  }
}
