package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.EventBusProperties;
import io.outrun.events.EventCodec;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.utils.Utils;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A second runner joins the consumer group of a busy first one. The rebalance does not wait for the
 * runs in progress (it would, for up to a minute, if the runner's consumer waited for the requests
 * it holds to be acknowledged), so requests made during it run within seconds, and the long runs
 * still run once; the first runner lets go of the requests waiting for their turn whose partitions
 * went to the second (or back to itself, delivered anew), so each is handled once, by the
 * partition's owner. Two real runner applications in a consumer group and database of their own.
 */
class RunnerRebalanceIT {

  /** How long the runs in progress last: longer than a runner takes to start and join. */
  private static final int LONG_MS = 12_000;

  /** At most from request to ended for a run requested while the group rebalances. */
  private static final Duration PROMPT = Duration.ofSeconds(5);

  /** Requests of the backlog on each partition. */
  private static final int BACKLOG_PER_PARTITION = 10;

  private final String database = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
  private final String group = "outrun-runner-" + database;

  @Test
  void aJoiningRunnerDoesNotWaitForTheRunsInProgress() {
    TestInfra infra = TestInfra.shared();
    try (ConfigurableApplicationContext first = runner()) {
      RunFixtures runs = RunnerInstances.fixtures(first);
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
                .take(8)
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

  @Test
  void aRunnerLetsGoOfTheWaitingRequestsItHandedOver() {
    try (ConfigurableApplicationContext first = runner("--outrun.runner.max-running=1")) {
      RunFixtures runs = RunnerInstances.fixtures(first);
      int partitions = first.getBean(EventBusProperties.class).topicPartitions();
      List<String> workflows = onEveryPartition(partitions, id -> saveBrief(runs, id));
      // a backlog: the first runner executes one run at a time
      List<RunRequested> requests =
          IntStream.range(0, BACKLOG_PER_PARTITION)
              .boxed()
              .flatMap(i -> workflows.stream().map(RunFixtures::request))
              .toList();
      requests.forEach(runs::publish);
      runs.awaitEnded(requests.getFirst().runId());

      try (ConfigurableApplicationContext second = runner()) {
        Set<String> runIds = requests.stream().map(RunRequested::runId).collect(Collectors.toSet());
        Map<String, Document> ended = runs.awaitAllEnded(runIds);
        assertThat(ended.values())
            .allSatisfy(run -> assertThat(run.getString("status")).isEqualTo("completed"));
        await()
            .atMost(RunFixtures.PATIENCE)
            .until(() -> inFlight(first) == 0 && inFlight(second) == 0);

        Map<String, Integer> completions = completions(first, workflows, runIds);
        assertThat(completions).hasSize(runIds.size());
        // a run's completion is published once more for each other request of it found ended:
        // without letting go, most requests still waiting on the first runner at the rebalance were
        // handled by both runners (18-20 of 60 here); now only those around the rebalance
        // are (the run then in progress, with max-running 1, and one or two just admitted or
        // committed late)
        assertThat(completions.values().stream().mapToInt(Integer::intValue).sum() - runIds.size())
            .as("completions published again")
            .isLessThanOrEqualTo(5);
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

  private static String saveBrief(RunFixtures runs, String workflowId) {
    return runs.saveWorkflow(
        workflowId,
        List.of(node("pause", "delay", new Document("ms", 150))),
        List.of(),
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

  private ConfigurableApplicationContext runner(String... more) {
    List<String> settings =
        new ArrayList<>(
            // members hear of a rebalance at their next heartbeat: 3 s by default
            List.of("--spring.kafka.consumer.heartbeat-interval=500ms"));
    settings.addAll(List.of(more));
    return RunnerInstances.start(database, group, settings.toArray(String[]::new));
  }

  /** How many {@code run-completed} events each of {@code runIds} (of {@code workflows}) has. */
  private static Map<String, Integer> completions(
      ConfigurableApplicationContext runner, List<String> workflows, Set<String> runIds) {
    EventCodec codec = runner.getBean(EventCodec.class);
    Map<String, Integer> counts = new HashMap<>();
    new RawKafka(TestInfra.shared().kafkaBootstrapServers())
        .readAll(Topics.RUN_COMPLETIONS, workflows::contains)
        .forEach(
            record -> {
              if (codec.decode(record.value())
                      instanceof EventCodec.Decoded.Readable(RunCompleted completed)
                  && runIds.contains(completed.runId())) {
                counts.merge(completed.runId(), 1, Integer::sum);
              }
            });
    return counts;
  }

  private static double inFlight(ConfigurableApplicationContext runner) {
    return runner.getBean(MeterRegistry.class).get(RunnerMetrics.IN_FLIGHT).gauge().value();
  }
}
