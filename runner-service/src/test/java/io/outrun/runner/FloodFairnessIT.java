package io.outrun.runner;

import static io.outrun.runner.RunFixtures.PATIENCE;
import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;

/**
 * A flood of one workspace's requests, far more than a runner holds whole ({@code max-in-flight}
 * 8): the runner reads past it (the rest held without payload, their runs stored as queued), so
 * another workspace's request behind the flood on the same partition runs at once; and a runner
 * stopped with runs waiting leaves nothing lost and nothing run twice. Real runner applications,
 * each test with a consumer group and database of its own.
 */
class FloodFairnessIT {

  private static final int FLOOD = 300;

  private final String database = "flood-" + UUID.randomUUID().toString().substring(0, 8);
  private final String group = "outrun-runner-" + database;

  @Test
  void anotherWorkspacesRunCompletesWhileMostOfAFloodStillWaits() {
    try (ConfigurableApplicationContext runner = runner()) {
      ReactiveMongoTemplate mongo = runner.getBean(ReactiveMongoTemplate.class);
      String flooding = saveWorkflow(mongo, "ws-flood", 300);
      String single = saveWorkflow(mongo, "ws-single", 0);
      publish(runner, requests("ws-flood", flooding, FLOOD));
      RunRequested behind = requests("ws-single", single, 1).getFirst();
      publish(runner, List.of(behind));

      Document run =
          await().atMost(PATIENCE).until(() -> run(mongo, behind.runId()), found -> ended(found));
      long floodEnded = endedOf(mongo, flooding);

      assertThat(run.getString("status")).isEqualTo("completed");
      assertThat(floodEnded)
          .as("the flood's runs ended before the other workspace's (of %d)", FLOOD)
          .isLessThan(FLOOD / 3);
    }
  }

  @Test
  void runsWaitingWhenARunnerStopsAllRunOnceOnTheNext() {
    List<RunRequested> flood;
    String workflowId;
    try (ConfigurableApplicationContext first = runner()) {
      ReactiveMongoTemplate mongo = first.getBean(ReactiveMongoTemplate.class);
      workflowId = saveWorkflow(mongo, "ws-flood", 100);
      flood = requests("ws-flood", workflowId, 120);
      publish(first, flood);
      String id = workflowId;
      await().atMost(PATIENCE).until(() -> endedOf(mongo, id) >= 10);
      assertThat(endedOf(mongo, workflowId)).as("stopped with runs waiting").isLessThan(100);
    }

    try (ConfigurableApplicationContext second = runner()) {
      ReactiveMongoTemplate mongo = second.getBean(ReactiveMongoTemplate.class);
      String id = workflowId;
      await().atMost(PATIENCE).until(() -> endedOf(mongo, id) == flood.size());

      List<Document> runs =
          mongo
              .find(
                  Query.query(Criteria.where("workflowId").is(workflowId)), Document.class, "runs")
              .collectList()
              .block(PATIENCE);
      assertThat(runs).hasSize(flood.size());
      assertThat(runs)
          .extracting(run -> run.getString("_id"))
          .containsExactlyInAnyOrderElementsOf(flood.stream().map(RunRequested::runId).toList());
      assertThat(runs).allSatisfy(FloodFairnessIT::completedOnce);
    }
  }

  private static void completedOnce(Document run) {
    assertThat(run.getString("status")).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps).extracting(step -> step.getString("nodeId")).containsExactly("greet", "wait");
    assertThat(steps).extracting(step -> step.getInteger("attempts")).containsOnly(1);
    assertThat(run).doesNotContainKey("lease");
    // a run that waited without its payload runs with it: $trigger as requested
    String name =
        run.get("triggeredBy", Document.class).get("payload", Document.class).getString("name");
    assertThat(name).startsWith("Ada ");
    assertThat(steps.getFirst().get("output", Document.class).getString("message"))
        .isEqualTo("Hello " + name);
  }

  /** A log step, then (unless 0) a delay of {@code delayMs}, in {@code workspaceId}. */
  private static String saveWorkflow(ReactiveMongoTemplate mongo, String workspaceId, int delayMs) {
    String workflowId = "wf-" + UUID.randomUUID();
    List<Document> nodes =
        List.of(
            node("greet", "log", new Document("message", "Hello {{$trigger.name}}")),
            node("wait", "delay", new Document("ms", delayMs)));
    Document version =
        new Document("_id", workflowId + ":1")
            .append("workspaceId", workspaceId)
            .append("workflowId", workflowId)
            .append("version", 1)
            .append("name", "flood")
            .append("nodes", nodes)
            .append("edges", List.of(edge("greet", "wait")))
            .append("settings", new Document())
            .append("createdAt", Instant.now());
    mongo.insert(version, "workflow_versions").block(PATIENCE);
    return workflowId;
  }

  private static List<RunRequested> requests(String workspaceId, String workflowId, int count) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                RunRequested.of(
                    now,
                    workspaceId,
                    workflowId,
                    1,
                    false,
                    TriggeredBy.manual("u1", Map.of("name", "Ada " + i)),
                    0,
                    "manual",
                    workflowId,
                    UUID.randomUUID().toString()))
        .toList();
  }

  private static void publish(ConfigurableApplicationContext runner, List<RunRequested> requests) {
    EventPublisher publisher = runner.getBean(EventPublisher.class);
    Flux.fromIterable(requests).concatMap(publisher::publish).then().block(PATIENCE);
  }

  private static Document run(ReactiveMongoTemplate mongo, String runId) {
    return mongo.findById(runId, Document.class, "runs").block(PATIENCE);
  }

  private static boolean ended(Document run) {
    return run != null && List.of("completed", "failed", "cancelled").contains(run.get("status"));
  }

  private static long endedOf(ReactiveMongoTemplate mongo, String workflowId) {
    Criteria ended =
        Criteria.where("workflowId")
            .is(workflowId)
            .and("status")
            .in("completed", "failed", "cancelled");
    return mongo.count(Query.query(ended), "runs").block(PATIENCE);
  }

  /** A runner holding 8 requests whole and running 4 runs of a workspace at once. */
  private ConfigurableApplicationContext runner() {
    return RunnerInstances.start(
        database, group, "--outrun.runner.max-in-flight=8", "--outrun.quotas.concurrent-runs=4");
  }
}
