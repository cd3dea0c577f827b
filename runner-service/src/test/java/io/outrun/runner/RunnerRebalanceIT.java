package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventBusProperties;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.utils.Utils;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A second runner joins the consumer group while the first has a long run in progress on every
 * partition: the rebalance does not wait for those runs (it would, for up to a minute, if the
 * runner's consumer waited for the requests it holds to be acknowledged), so requests made during
 * it run within seconds; the long runs still run once, on the first runner, whichever runner owns
 * their partition afterwards. Two real runner applications in a consumer group and database of
 * their own.
 */
class RunnerRebalanceIT {

  /** How long the runs in progress last: longer than a runner takes to start and join. */
  private static final int LONG_MS = 20_000;

  /** At most from request to ended for a run requested while the group rebalances. */
  private static final Duration PROMPT = Duration.ofSeconds(5);

  private final String database = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
  private final String group = "outrun-runner-" + database;

  @Test
  void aJoiningRunnerDoesNotWaitForTheRunsInProgress() {
    TestInfra infra = TestInfra.shared();
    try (ConfigurableApplicationContext first = runner()) {
      RunFixtures runs = fixtures(first);
      int partitions = first.getBean(EventBusProperties.class).topicPartitions();
      List<RunRequested> longRuns =
          onEveryPartition(partitions, id -> saveLong(runs, id)).stream()
              .map(RunFixtures::request)
              .toList();
      longRuns.forEach(runs::publish);
      Map<String, Document> greetBefore = new HashMap<>();
      for (RunRequested request : longRuns) {
        Document midway =
            runs.awaitRun(
                request.runId(),
                run -> run.getList("steps", Document.class, List.of()).size() == 1);
        greetBefore.put(request.runId(), midway.getList("steps", Document.class).getFirst());
      }

      try (ConfigurableApplicationContext second = runner()) {
        List<String> quick = onEveryPartition(partitions, id -> saveQuick(runs, id));
        // a round of requests on every partition each half second, while the group rebalances
        // (published on a thread that may block)
        Map<String, Instant> requested =
            Flux.interval(Duration.ZERO, Duration.ofMillis(500), Schedulers.boundedElastic())
                .take(16)
                .concatMapIterable(round -> quick)
                .concatMap(
                    workflowId ->
                        Mono.fromSupplier(() -> request(workflowId))
                            .doOnNext(runs::publish)
                            .map(request -> Map.entry(request.runId(), Instant.now())))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block(RunFixtures.PATIENCE);

        assertStable(infra, 2);
        Map<String, Document> ended = runs.awaitAllEnded(requested.keySet());
        requested.forEach(
            (runId, at) -> {
              Document run = ended.get(runId);
              assertThat(run.getString("status")).isEqualTo("completed");
              assertThat(Duration.between(at, run.getDate("finishedAt").toInstant()))
                  .as("request -> ended of run %s, requested while the group rebalanced", runId)
                  .isLessThan(PROMPT);
            });

        for (RunRequested request : longRuns) {
          Document run = runs.awaitEnded(request.runId());
          assertThat(run.getString("status")).isEqualTo("completed");
          List<Document> steps = run.getList("steps", Document.class);
          assertThat(steps)
              .extracting(step -> step.getString("nodeId"))
              .as("each step of run %s once", request.runId())
              .containsExactly("greet", "pause", "shout");
          assertThat(steps.getFirst())
              .as("not run again")
              .isEqualTo(greetBefore.get(request.runId()));
        }
      }
    }
  }

  /**
   * The group has rebalanced: {@code members} runners, each with partitions. Checked as the last
   * round of requests goes out, it shows the rebalance began and ended while they went out; a
   * rebalance waiting for the long runs would still be under way.
   */
  private void assertStable(TestInfra infra, int members) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
      ConsumerGroupDescription described =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(RunFixtures.PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(described.groupState()).isEqualTo(GroupState.STABLE);
      assertThat(described.members())
          .hasSize(members)
          .allSatisfy(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new AssertionError("could not describe consumer group " + group, e);
    }
  }

  private static String saveLong(RunFixtures runs, String workflowId) {
    return runs.saveWorkflow(
        workflowId,
        List.of(
            node("greet", "log", new Document("message", "Hello {{$trigger.name}}")),
            node("pause", "delay", new Document("ms", LONG_MS)),
            node("shout", "transform", new Document("expression", "'done'"))),
        List.of(edge("greet", "pause"), edge("pause", "shout")),
        new Document());
  }

  private static String saveQuick(RunFixtures runs, String workflowId) {
    return runs.saveWorkflow(
        workflowId,
        List.of(node("greet", "log", new Document("message", "Hello {{$trigger.name}}"))),
        List.of(),
        new Document());
  }

  /**
   * One workflow on each of the {@code partitions} partitions of the run requests (keyed by
   * workflow id, placed by the producer's default partitioner), each saved by {@code save}.
   */
  private static List<String> onEveryPartition(int partitions, UnaryOperator<String> save) {
    Map<Integer, String> byPartition = new HashMap<>();
    while (byPartition.size() < partitions) {
      String id = RunFixtures.newWorkflowId();
      byPartition.putIfAbsent(
          Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions, id);
    }
    return byPartition.values().stream().map(save).toList();
  }

  private ConfigurableApplicationContext runner() {
    TestInfra infra = TestInfra.shared();
    // arguments, not builder properties: those are defaults that application.yml overrides
    return new SpringApplicationBuilder(RunnerApplication.class)
        .run(
            "--server.port=0",
            "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
            "--spring.mongodb.uri=" + infra.mongoConnectionString(),
            "--spring.mongodb.database=" + database,
            "--outrun.runner.consumer-group=" + group,
            // a runner that gets a long run's request waits for the first runner's lease to expire
            "--outrun.runner.lease-duration=3s");
  }

  private static RunFixtures fixtures(ConfigurableApplicationContext runner) {
    return new RunFixtures(
        runner.getBean(ReactiveMongoTemplate.class), runner.getBean(EventPublisher.class));
  }
}
