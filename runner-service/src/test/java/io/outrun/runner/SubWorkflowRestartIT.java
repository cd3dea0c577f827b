package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.RunRequested;
import io.outrun.service.StoredJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A runner stopped while a {@code sub_workflow} step waits for its child, and another started in
 * its place: the parent completes with the child's output, and the child ran once (one run, its
 * steps recorded before the stop not run again). Two real runner applications, one after the other,
 * in a consumer group and database of their own.
 */
class SubWorkflowRestartIT {

  private final String database = "subflow-" + UUID.randomUUID().toString().substring(0, 8);
  private final String group = "outrun-runner-" + database;

  @Test
  void aParentWaitingForItsChildCompletesWithTheChildsOutputAfterARunnerRestart() {
    RunRequested request;
    String childRunId;
    Document childStartBefore;
    try (ConfigurableApplicationContext first = runner()) {
      RunFixtures runs = RunnerInstances.fixtures(first);
      ReactiveMongoTemplate mongo = first.getBean(ReactiveMongoTemplate.class);
      String child =
          active(
              mongo,
              List.of(
                  node("begin", "log", new Document("message", "child of {{ $trigger.name }}")),
                  node("work", "delay", new Document("ms", 3_000)),
                  node("answer", "transform", new Document("expression", "$trigger.name & '!'"))),
              List.of(edge("begin", "work"), edge("work", "answer")));
      String parent =
          active(
              mongo,
              List.of(
                  node("call", "sub_workflow", new Document("workflowId", child)),
                  node(
                      "after",
                      "transform",
                      new Document("expression", "$steps.call.output.outputs.answer"))),
              List.of(edge("call", "after")));
      request = SubWorkflowIT.request(parent, 0);
      runs.publish(request);
      childRunId = awaitChild(mongo, runs, request.runId());
      Document childMidway =
          runs.awaitRun(
              childRunId, run -> run.getList("steps", Document.class, List.of()).size() == 1);
      assertThat(runs.run(request.runId()).getString("status")).isEqualTo("running");
      childStartBefore = childMidway.getList("steps", Document.class).getFirst();
    }

    try (ConfigurableApplicationContext second = runner()) {
      RunFixtures runs = RunnerInstances.fixtures(second);
      ReactiveMongoTemplate mongo = second.getBean(ReactiveMongoTemplate.class);
      Document run = runs.awaitEnded(request.runId());

      assertThat(run.getString("status")).isEqualTo("completed");
      Document after = step(run, "after");
      assertThat(after.get("output")).isEqualTo("Ada!");
      Map<String, Object> call =
          StoredJson.fromStored(step(run, "call").get("output", Document.class));
      assertThat(call).containsEntry("runId", childRunId);
      assertThat(childRuns(mongo, request.runId())).as("one child run").hasSize(1);
      Document childRun = runs.run(childRunId);
      assertThat(childRun.getString("status")).isEqualTo("completed");
      assertThat(childRun.getList("steps", Document.class))
          .extracting(step -> step.getString("nodeId"))
          .containsExactly("begin", "work", "answer");
      assertThat(childRun.getList("steps", Document.class).getFirst())
          .as("not run again")
          .isEqualTo(childStartBefore);
    }
  }

  private static String awaitChild(
      ReactiveMongoTemplate mongo, RunFixtures runs, String parentRunId) {
    return org.awaitility.Awaitility.await()
        .atMost(RunFixtures.PATIENCE)
        .until(() -> childRuns(mongo, parentRunId), children -> children.size() == 1)
        .getFirst()
        .getString("_id");
  }

  private static List<Document> childRuns(ReactiveMongoTemplate mongo, String parentRunId) {
    return mongo
        .find(
            Query.query(
                Criteria.where("triggeredBy.source").is("run " + parentRunId + " node call")),
            Document.class,
            "runs")
        .collectList()
        .block(RunFixtures.PATIENCE);
  }

  private static Document step(Document run, String nodeId) {
    return run.getList("steps", Document.class).stream()
        .filter(step -> nodeId.equals(step.getString("nodeId")))
        .findFirst()
        .orElseThrow();
  }

  private static String active(
      ReactiveMongoTemplate mongo, List<Document> nodes, List<Document> edges) {
    String id = "wf-" + UUID.randomUUID();
    mongo
        .insert(
            new Document("_id", id + ":1")
                .append("workspaceId", "ws-1")
                .append("workflowId", id)
                .append("version", 1)
                .append("nodes", nodes)
                .append("edges", edges)
                .append("settings", new Document())
                .append("createdAt", Instant.now()),
            "workflow_versions")
        .block(RunFixtures.PATIENCE);
    mongo
        .insert(
            new Document("_id", id)
                .append("workspaceId", "ws-1")
                .append("status", "active")
                .append("deployedVersion", 1),
            "workflows")
        .block(RunFixtures.PATIENCE);
    return id;
  }

  private ConfigurableApplicationContext runner() {
    // stop mid-wait: runs in progress are handed over at once, not allowed to end
    return RunnerInstances.start(database, group, "--outrun.runner.shutdown-grace=100ms");
  }
}
