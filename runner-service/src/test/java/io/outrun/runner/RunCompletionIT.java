package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.RunResponse;
import io.outrun.testing.TestInfraInitializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/** What a run's {@code run-completed} carries: final outputs, a respond step's answer. */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCompletionIT {

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures runs;

  @BeforeAll
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void respondStepsAnswerTravelsWithTheCompletion() {
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node("total", "transform", new Document("expression", "{'name': $trigger.name}")),
                node(
                    "reply",
                    "respond",
                    new Document("status", 201)
                        .append("headers", new Document("Location", "/leads/{{ $trigger.name }}"))
                        .append("body", new Document("created", "{{ $steps.total.output.name }}"))),
                node("after", "log", new Document("message", "answered"))),
            List.of(edge("total", "reply"), edge("reply", "after")),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    runs.publish(request);

    RunCompleted completed = RunFixtures.awaitCompletion(consumers, request.runId());
    assertThat(completed.response())
        .isEqualTo(
            new RunResponse(
                "reply", 201, Map.of("Location", "/leads/Ada"), Map.of("created", "Ada")));
    assertThat(completed.outputs()).containsOnlyKeys("after");
    assertThat(completed.omitsOutputs()).isFalse();
  }

  @Test
  void completionTooLargeForKafkaIsPublishedWithoutOutputsWhichTheRunKeeps() {
    // six final steps of 200 KB each: 1.2 MB of outputs, over the 1 MiB a Kafka record takes
    List<Document> nodes = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      nodes.add(node("big" + i, "transform", new Document("expression", "$pad('', 200000, 'x')")));
    }
    List<Document> edges = new ArrayList<>();
    for (int i = 1; i < 7; i++) {
      edges.add(edge("big0", "big" + i));
    }
    String workflowId = runs.saveWorkflow(nodes, edges, new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());

    runs.publish(request);

    RunCompleted completed = RunFixtures.awaitCompletion(consumers, request.runId());
    assertThat(completed.omitsOutputs()).isTrue();
    assertThat(completed.outputs()).isEmpty();
    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    assertThat(run.getList("steps", Document.class)).hasSize(7);
  }
}
