package io.outrun.bench;

import io.outrun.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./outrun bench dependency}: from an upstream run's completion on Kafka to its dependent
 * run's request on Kafka (delay 0), both times the records' timestamps, set by the producers (the
 * runner's and the listener's) as they send. Upstream runs are started through trigger-api at
 * {@code --rate} per second until {@code --runs} have completed.
 */
public final class DependencyBenchmark {

  private static final Pattern RUN_ID = Pattern.compile("\"runId\":\"([^\"]+)\"");
  private static final Pattern UPSTREAM_RUN_ID =
      Pattern.compile("\"upstream\":\\{[^}]*?\"runId\":\"([^\"]+)\"");

  static final String USAGE = JitWarmup.withUsage("options: --runs=1000 --rate=25");

  private static final Map<String, Integer> DEFAULTS =
      JitWarmup.withOption(Map.of("runs", 1000, "rate", 25));

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE, "runs", "rate"),
        options ->
            new DependencyBenchmark()
                .run(
                    options.get("runs"),
                    options.get("rate"),
                    options.get(JitWarmup.OPTION),
                    System.getenv()));
  }

  private void run(int runs, int rate, int jitWarmup, Map<String, String> env) throws Exception {
    OutrunApi api =
        new OutrunApi("http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"));
    String kafka = "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092");
    api.signIn("bench-dependency");
    JitWarmup.run(api, env, jitWarmup);
    String upstream = api.createWorkflow("dependency benchmark: upstream");
    String downstream = api.createWorkflow("dependency benchmark: downstream");
    List<String> workflows = List.of(upstream, downstream);
    try {
      api.deployAfterTestRun(upstream);
      api.deployAfterTestRun(downstream);
      String trigger =
          "{\"type\":\"dependency\",\"name\":\"after upstream\",\"enabled\":true,\"config\":"
              + "{\"dependsOnWorkflowId\":\"%s\",\"condition\":\"on_completion\",\"delayMinutes\":0}}";
      var created = api.createTriggerAsync(downstream, trigger.formatted(upstream)).get();
      if (created.statusCode() != 201) {
        throw new IllegalStateException("dependency trigger not created: " + created.body());
      }
      Thread.sleep(1000); // the listener's registry follows trigger changes within a second
      measure(api, kafka, upstream, downstream, runs, rate);
    } finally {
      for (String workflowId : workflows) {
        api.archiveWorkflow(workflowId);
      }
    }
  }

  private void measure(
      OutrunApi api, String kafka, String upstream, String downstream, int runs, int rate)
      throws Exception {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : List.of(Topics.RUN_COMPLETIONS, Topics.RUN_REQUESTS)) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);

      AtomicInteger sent = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
      pacer.scheduleAtFixedRate(
          () -> {
            if (sent.getAndIncrement() < runs) {
              api.requestRun(upstream)
                  .whenComplete(
                      (r, e) -> {
                        if (e != null || r.statusCode() != 202) {
                          refused.incrementAndGet();
                        }
                      });
            }
          },
          0,
          1_000_000 / rate,
          TimeUnit.MICROSECONDS);
      System.out.printf(
          "%d upstream runs at %d/s; dependent runs on completion, delay 0%n", runs, rate);

      Map<String, Long> completedAt = new HashMap<>();
      Map<String, Long> requestedAt = new HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(runs / rate + 120).toNanos();
      while (requestedAt.size() < runs && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.topic().equals(Topics.RUN_COMPLETIONS) && upstream.equals(record.key())) {
            find(RUN_ID, record.value()).ifPresent(id -> completedAt.put(id, record.timestamp()));
          } else if (record.topic().equals(Topics.RUN_REQUESTS)
              && downstream.equals(record.key())) {
            find(UPSTREAM_RUN_ID, record.value())
                .ifPresent(id -> requestedAt.putIfAbsent(id, record.timestamp()));
          }
        }
      }
      pacer.shutdownNow();
      List<Double> latencies = new ArrayList<>();
      requestedAt.forEach(
          (runId, at) -> {
            Long completed = completedAt.get(runId);
            if (completed != null) {
              latencies.add((double) (at - completed));
            }
          });
      System.out.printf(
          "upstream completion -> dependent run request on Kafka, over %d runs (%d requests refused):"
              + " %s (target p99 <= 50 ms)%n",
          latencies.size(), refused.get(), Percentiles.of(latencies));
    }
  }

  private static java.util.Optional<String> find(Pattern pattern, String json) {
    Matcher matcher = pattern.matcher(json);
    return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
  }
}
