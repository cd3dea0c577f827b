package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.testing.TestInfraInitializer;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 11, case 1: a runaway expression fails its own run, with the limit it hit, within its
 * budget, and does not hold up anyone else's runs meanwhile.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunawayExpressionIT {

  private static final String REPORTED = "$count($split($pad(\"\", 5000000, \"ab\"), \"\"))";
  private static final String BACKTRACKING =
      "$match(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", /^(a+?)+?$/)";

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;

  private RunFixtures runs;

  @BeforeAll
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
  }

  @Test
  void theReportedExpressionFailsItsRunAtOnceNamingTheNodeAndTheLimit() {
    RunRequested runaway = request(transform(REPORTED));

    runs.publish(runaway);

    Document run = runs.awaitEnded(runaway.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error"))
        .startsWith("node 'runaway': cannot evaluate expression")
        .contains("outrun.runner.expressions.max-items");
    assertThat(durationMs(run)).isLessThan(Duration.ofSeconds(5).toMillis());
  }

  @Test
  void anotherWorkflowsRunCompletesWhileARunawayExpressionIsStillBeingStopped() {
    RunRequested runaway = request(transform(BACKTRACKING));
    runs.publish(runaway);
    runs.awaitRun(runaway.runId(), RunFixtures.status("running"));

    RunRequested other = request(greetThenShout());
    runs.publish(other);

    Document done = runs.awaitEnded(other.runId());
    Document stopped = runs.awaitEnded(runaway.runId());
    assertThat(done.getString("status")).isEqualTo("completed");
    assertThat(done.getDate("finishedAt")).isBefore(stopped.getDate("finishedAt"));
    assertThat(stopped.getString("status")).isEqualTo("failed");
    assertThat(stopped.getString("error"))
        .startsWith("node 'runaway': cannot evaluate expression")
        .contains("its time limit (outrun.runner.expressions.timeout)");
    assertThat(durationMs(stopped))
        .isBetween(Duration.ofSeconds(2).toMillis(), Duration.ofSeconds(6).toMillis());
  }

  private RunRequested request(List<Document> nodes) {
    List<Document> edges =
        nodes.size() == 2 ? List.of(edge("greet", "shout")) : List.<Document>of();
    return RunFixtures.request(runs.saveWorkflow(nodes, edges, new Document()));
  }

  private static long durationMs(Document run) {
    return ((Number) run.get("durationMs")).longValue();
  }

  private static List<Document> transform(String expression) {
    return List.of(node("runaway", "transform", new Document("expression", expression)));
  }

  private static List<Document> greetThenShout() {
    return List.of(
        node("greet", "log", new Document("message", "Hello {{$trigger.name}}")),
        node(
            "shout",
            "transform",
            new Document("expression", "$uppercase($steps.greet.output.message)")));
  }
}
