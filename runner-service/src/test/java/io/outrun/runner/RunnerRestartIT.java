package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A runner stopped in the middle of a run, and another started in its place: the run completes
 * once, the steps finished before the stop are not run again. Two real runner applications, one
 * after the other, in a consumer group and database of their own.
 */
class RunnerRestartIT {

  private final String database = "restart-" + UUID.randomUUID().toString().substring(0, 8);
  private final String group = "outrun-runner-" + database;

  @Test
  void aRunInterruptedByARunnerStopCompletesOnceOnTheNextRunner() {
    RunRequested request;
    Instant stoppedAt;
    Document greetBefore;
    try (ConfigurableApplicationContext first = runner()) {
      RunFixtures runs = RunnerInstances.fixtures(first);
      String workflowId =
          runs.saveWorkflow(
              List.of(
                  node("greet", "log", new Document("message", "Hello {{$trigger.name}}")),
                  node("pause", "delay", new Document("ms", 3_000)),
                  node("shout", "transform", new Document("expression", "'done'"))),
              List.of(edge("greet", "pause"), edge("pause", "shout")),
              new Document());
      request = request(workflowId);
      runs.publish(request);
      Document midway =
          runs.awaitRun(
              request.runId(), run -> run.getList("steps", Document.class, List.of()).size() == 1);
      assertThat(midway.getString("status")).isEqualTo("running");
      greetBefore = midway.getList("steps", Document.class).getFirst();
      stoppedAt = Instant.now();
    }

    try (ConfigurableApplicationContext second = runner()) {
      RunFixtures runs = RunnerInstances.fixtures(second);
      Document run = runs.awaitEnded(request.runId());

      assertThat(run.getString("status")).isEqualTo("completed");
      assertThat(Duration.between(stoppedAt, run.getDate("finishedAt").toInstant()))
          .isLessThan(Duration.ofSeconds(30));
      List<Document> steps = run.getList("steps", Document.class);
      assertThat(steps)
          .extracting(step -> step.getString("nodeId"))
          .containsExactly("greet", "pause", "shout");
      assertThat(steps.getFirst()).as("not run again").isEqualTo(greetBefore);
      assertThat(run).doesNotContainKey("lease");
    }
  }

  private ConfigurableApplicationContext runner() {
    return RunnerInstances.start(database, group);
  }
}
