package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.testing.TestInfraInitializer;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/** Trigger nodes are the graph's entry points: their output is the run's trigger payload. */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class TriggerNodeRunIT {

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;

  @Test
  void aTriggerNodeOutputsTheTriggerPayloadToTheNodesAfterIt() {
    RunFixtures runs = new RunFixtures(mongo, publisher);
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node(
                    "inbound",
                    "trigger.webhook",
                    new Document("method", "POST").append("label", "Inbound")),
                node(
                    "greet",
                    "transform",
                    new Document("expression", "'Hi ' & $steps.inbound.output.name"))),
            List.of(edge("inbound", "greet")),
            new Document());
    RunRequested request = RunFixtures.request(workflowId);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("inbound", "greet");
    assertThat(steps.get(0).getString("nodeType")).isEqualTo("trigger.webhook");
    assertThat(steps.get(0).get("output", Document.class)).containsEntry("name", "Ada");
    assertThat(steps.get(1).get("output")).isEqualTo("Hi Ada");
  }

  @Test
  void aRunStartedByOneTriggerNodeSkipsTheOtherTriggersBranchAndRunsTheSharedNodeOnce() {
    RunFixtures runs = new RunFixtures(mongo, publisher);
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node("hook", "trigger.webhook", new Document("method", "POST")),
                node("nightly", "trigger.schedule", new Document("cron", "0 2 * * *")),
                node("fromHook", "transform", new Document("expression", "'hook'")),
                node("fromNightly", "transform", new Document("expression", "'nightly'")),
                node("both", "transform", new Document("expression", "'both'"))),
            List.of(
                edge("hook", "fromHook"),
                edge("nightly", "fromNightly"),
                edge("fromHook", "both"),
                edge("fromNightly", "both")),
            new Document());
    RunRequested plain = RunFixtures.request(workflowId);
    RunRequested request = plain.with(plain.triggeredBy().fromNode("hook"));

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.get("triggeredBy", Document.class).getString("nodeId")).isEqualTo("hook");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps)
        .filteredOn(step -> "skipped".equals(step.getString("status")))
        .extracting(step -> step.getString("nodeId"))
        .containsExactlyInAnyOrder("nightly", "fromNightly");
    assertThat(steps)
        .filteredOn(step -> !"skipped".equals(step.getString("status")))
        .extracting(step -> step.getString("nodeId"))
        .containsExactly("hook", "fromHook", "both");
  }
}
