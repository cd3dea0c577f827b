package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.outrun.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the local stack while webhook runs are in flight, then a restart on the same
 * data (issue 11): every webhook answered 202 ends as exactly one completed run, each step recorded
 * once and executed once as far as anyone was told, and no request is dead-lettered.
 */
class LocalStackCrashIT {

  private static final int WEBHOOKS = 300;
  private static final int CONCURRENCY = 24;
  private static final int COMPLETED_BEFORE_KILL = 60;

  /** Polls read only what they need while hundreds of runs are written. */
  private static final Bson STATUS_ONLY = Projections.include("status");

  @TempDir Path dir;

  /** The stack's logs, kept after the test (the data directory is not). */
  private final Path logs =
      Path.of("target", "LocalStackCrashIT", String.valueOf(System.nanoTime()));

  @Test
  void everyAcceptedWebhookEndsAsOneCompletedRunAfterTheStackIsKilled() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(logs);
    StackProcess.Ports ports = StackProcess.Ports.free();
    Map<String, String> accepted;
    String workflowId;
    try (StackProcess stack = StackProcess.start(data, ports, logs.resolve("first.log"))) {
      OutrunApi api = new OutrunApi(stack.url(ports.api()));
      api.signIn("ws-crash");
      workflowId = api.createWorkflow("crash");
      api.deployAfterTestRun(workflowId);
      String triggerId = api.createOpenWebhook(workflowId, "inbound").id();
      WebhookBurst burst = new WebhookBurst(stack.url(ports.listener()), triggerId);
      // the listener learns of the trigger through a change stream
      await().atMost(Duration.ofSeconds(30)).until(() -> burst.send("crash-first"));

      CompletableFuture<Void> sending = burst.start(WEBHOOKS, CONCURRENCY);
      int completedBeforeKill;
      try (MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
        MongoCollection<Document> runs = client.getDatabase("outrun").getCollection("runs");
        // killed while the runner is in full swing, creating and ending runs every moment
        completedBeforeKill =
            await()
                .atMost(Duration.ofSeconds(90))
                .alias("the runner in full swing")
                .pollInterval(Duration.ofMillis(100))
                .until(
                    () -> completed(runs, workflowId).size(),
                    done -> done >= COMPLETED_BEFORE_KILL);
      }
      stack.kill();
      sending.get(60, TimeUnit.SECONDS);
      accepted = burst.accepted();
      System.out.printf(
          "LocalStackCrashIT: webhook answers %s; %d runs completed just before the kill%n",
          burst.outcomes(), completedBeforeKill);
    }

    try (StackProcess stack = StackProcess.start(data, ports, logs.resolve("restarted.log"));
        MongoClient client = MongoClients.create(stack.mongoConnectionString())) {
      MongoCollection<Document> runs = client.getDatabase("outrun").getCollection("runs");
      Collection<String> runIds = accepted.values();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(statuses(runs, runIds))
                      .as("the status of each accepted run (absent: no run)")
                      .allSatisfy((runId, status) -> assertThat(status).isEqualTo("completed")));
      System.out.printf(
          "LocalStackCrashIT: %d webhooks accepted before and around the kill, all completed%n",
          accepted.size());

      List<Document> webhookRuns =
          runs.find(Filters.and(Filters.eq("workflowId", workflowId), Filters.eq("test", false)))
              .projection(Projections.include("requestEventId", "status", "steps"))
              .into(new ArrayList<>());
      assertThat(webhookRuns).extracting(run -> run.get("requestEventId")).doesNotHaveDuplicates();
      for (Document run : webhookRuns) {
        if (runIds.contains(run.getString("_id"))) {
          assertThat(run.getString("status")).isEqualTo("completed");
          assertThat(run.getList("steps", Document.class))
              .as("the steps of %s, each once", run.get("_id"))
              .extracting(step -> step.getString("nodeId"))
              .containsExactly("greet", "shout");
        }
      }
      assertThat(deadLettered(ports.kafka())).as("run requests dead-lettered").isZero();
      // a step reported finished was recorded first: it is never executed again
      assertThat(RunProgress.stepFinishTimes("localhost:" + ports.kafka(), workflowId))
          .allSatisfy(
              (step, finishedAt) ->
                  assertThat(finishedAt).as("%s reported finished at", step).hasSize(1));
    }
  }

  private static Map<String, String> statuses(
      MongoCollection<Document> runs, Collection<String> runIds) {
    Map<String, String> statuses = new HashMap<>();
    runIds.forEach(runId -> statuses.put(runId, "absent"));
    runs.find(Filters.in("_id", runIds))
        .projection(STATUS_ONLY)
        .forEach(run -> statuses.put(run.getString("_id"), run.getString("status")));
    return statuses;
  }

  private static Set<String> completed(MongoCollection<Document> runs, String workflowId) {
    return runs
        .find(Filters.and(Filters.eq("workflowId", workflowId), Filters.eq("status", "completed")))
        .projection(STATUS_ONLY)
        .map(run -> run.getString("_id"))
        .into(new ArrayList<>())
        .stream()
        .collect(Collectors.toSet());
  }

  /** Records in the run requests' dead-letter topic (0 if it was never created). */
  private static long deadLettered(int kafkaPort) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort))) {
      String topic = Topics.RUN_REQUESTS_DEAD_LETTER;
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        return 0;
      }
      var partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      partition -> new TopicPartition(topic, partition.partition()),
                      partition -> OffsetSpec.latest()));
      return admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
          .mapToLong(offset -> offset.offset())
          .sum();
    }
  }
}
