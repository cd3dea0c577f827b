package io.outrun.bench;

import io.outrun.events.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./outrun bench schedules}: what schedules cost the stack and how late they fire.
 *
 * <ol>
 *   <li>CPU of the stack's JVM with no schedules ({@code --idle-seconds}).
 *   <li>{@code --schedules} (10,000) schedule triggers created through trigger-api, with a cron
 *       that does not come due during the benchmark; once the listener has started them all, the
 *       JVM's CPU again, and that of the tick's own thread, between ticks.
 *   <li>{@code --every-second} (20) schedules firing every second for {@code --seconds} (60):
 *       lateness from each scheduled instant to its run request on Kafka (the record's timestamp,
 *       set by the listener's producer as it sends), over every tick.
 * </ol>
 *
 * The benchmark's workflows are archived at the end, which stops their schedules.
 */
public final class ScheduleBenchmark {

  private static final Pattern SCHEDULED_AT = Pattern.compile("\"scheduledAt\":\"([^\"]+)\"");
  private static final String IDLE_CRON =
      "{\"type\":\"schedule\",\"name\":\"idle %d\",\"enabled\":true,"
          + "\"config\":{\"cron\":\"0 0 1 1 *\",\"timezone\":\"Europe/Berlin\"}}";
  private static final String EVERY_SECOND =
      "{\"type\":\"schedule\",\"name\":\"every second %d\","
          + "\"enabled\":true,\"config\":{\"intervalSeconds\":1,\"overlapPolicy\":\"allow_all\"}}";

  /** The listener's {@code outrun-schedule-tick} thread, as the kernel names it (15 characters). */
  private static final String TICK_THREAD = "outrun-schedule";

  private final Map<String, Integer> options;
  private final OutrunApi api;
  private final String kafkaBootstrap;
  private final CpuShares cpu;

  private ScheduleBenchmark(Map<String, Integer> options, Map<String, String> env) {
    this.options = options;
    this.api = new OutrunApi("http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"));
    this.kafkaBootstrap = "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092");
    this.cpu = CpuShares.find(env);
  }

  static final String USAGE =
      "options: --schedules=10000 --idle-seconds=30 --cpu-seconds=60 --every-second=20 --seconds=60";

  private static final Map<String, Integer> DEFAULTS =
      Map.of(
          "schedules", 10_000,
          "idle-seconds", 30,
          "cpu-seconds", 60,
          "every-second", 20,
          "seconds", 60);

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE),
        options -> new ScheduleBenchmark(options, System.getenv()).run());
  }

  private void run() throws Exception {
    api.signIn("bench-schedules");
    List<String> workflows = new ArrayList<>();
    try {
      Cpu idle = cpu(options.get("idle-seconds"));
      System.out.printf("CPU, no schedules:              %s%n", idle);

      if (options.get("schedules") > 0) {
        String idleWorkflow = deployedWorkflow("schedules benchmark: idle", workflows);
        long started = System.nanoTime();
        createTriggers(idleWorkflow, IDLE_CRON, options.get("schedules"));
        System.out.printf(
            "created %d schedules in %.1f s; waiting for the listener to start them%n",
            options.get("schedules"), (System.nanoTime() - started) / 1e9);
        awaitTicksIdle();
        Cpu loaded = cpu(options.get("cpu-seconds"));
        System.out.printf("CPU, %,d schedules, none due: %s%n", options.get("schedules"), loaded);
        System.out.printf(
            "  => the schedules add %.2f %% of one core to the JVM; the tick thread uses %.2f %%"
                + " (target <= 5 %%)%n",
            loaded.jvmPercent() - idle.jvmPercent(), loaded.tickPercent());
      }

      if (options.get("every-second") > 0 && options.get("seconds") > 0) {
        lateness(deployedWorkflow("schedules benchmark: every second", workflows));
      }
    } finally {
      for (String workflowId : workflows) {
        api.archiveWorkflow(workflowId);
      }
    }
  }

  private String deployedWorkflow(String name, List<String> workflows) throws Exception {
    String workflowId = api.createWorkflow(name);
    workflows.add(workflowId);
    api.deployAfterTestRun(workflowId);
    return workflowId;
  }

  private void createTriggers(String workflowId, String template, int count) throws Exception {
    Semaphore inFlight = new Semaphore(16);
    AtomicInteger failed = new AtomicInteger();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      all.add(
          api.createTriggerAsync(workflowId, template.formatted(i))
              .whenComplete(
                  (response, error) -> {
                    inFlight.release();
                    if (error != null || response.statusCode() != 201) {
                      failed.incrementAndGet();
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " of " + count + " triggers not created");
    }
  }

  /** Waits until a few seconds pass in which the tick thread does (almost) nothing: all seeded. */
  private void awaitTicksIdle() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long previous = tickThreadTicks();
    int quietSeconds = 0;
    while (quietSeconds < 3 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long now = tickThreadTicks();
      quietSeconds = now - previous <= 1 ? quietSeconds + 1 : 0;
      previous = now;
    }
  }

  private void lateness(String workflowId) throws Exception {
    int schedules = options.get("every-second");
    int seconds = options.get("seconds");
    try (KafkaConsumer<String, String> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.RUN_REQUESTS).stream()
              .map(p -> new TopicPartition(Topics.RUN_REQUESTS, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      createTriggers(workflowId, EVERY_SECOND, schedules);
      System.out.printf(
          "%d schedules firing every second; measuring for %d s%n", schedules, seconds);
      List<Double> latenessMs = new ArrayList<>();
      Instant firstCounted = null;
      long end = System.nanoTime() + Duration.ofSeconds(seconds + 5).toNanos();
      while (System.nanoTime() < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (!workflowId.equals(record.key())) {
            continue;
          }
          Optional<Instant> scheduledAt = scheduledAt(record.value());
          if (scheduledAt.isEmpty() || record.value().contains("\"catchUp\":true")) {
            continue;
          }
          if (firstCounted == null) {
            firstCounted =
                scheduledAt.get().plusSeconds(2); // the first second may find some unseeded
          }
          if (scheduledAt.get().isBefore(firstCounted)
              || scheduledAt.get().isAfter(firstCounted.plusSeconds(seconds))) {
            continue;
          }
          latenessMs.add((record.timestamp() - scheduledAt.get().toEpochMilli()) * 1.0);
        }
      }
      Percentiles p = Percentiles.of(latenessMs);
      System.out.printf(
          "cron lateness (scheduled instant -> run request on Kafka) over %d ticks: %s"
              + " (target p99 <= 100 ms)%n",
          latenessMs.size(), p);
    }
  }

  private KafkaConsumer<String, String> consumer() {
    return new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static Optional<Instant> scheduledAt(String json) {
    Matcher matcher = SCHEDULED_AT.matcher(json);
    return matcher.find() ? Optional.of(Instant.parse(matcher.group(1))) : Optional.empty();
  }

  /** CPU time of the stack's JVM and of its schedule tick thread, in percent of one core. */
  record Cpu(double seconds, double jvmPercent, double tickPercent) {
    @Override
    public String toString() {
      return "%.2f %% of one core for the JVM (%.2f %% the tick thread), over %.0f s"
          .formatted(jvmPercent, tickPercent, seconds);
    }
  }

  /** CPU of the stack's JVM and of its tick thread over {@code seconds}, in % of one core. */
  private Cpu cpu(int seconds) throws Exception {
    CpuShares.Snapshot from = cpu.snapshot();
    Thread.sleep(seconds * 1000L);
    CpuShares.Snapshot to = cpu.snapshot();
    System.out.println("  " + cpu.between(from, to).text());
    return new Cpu(
        (to.nanos() - from.nanos()) / 1e9,
        cpu.stackPercent(from, to),
        cpu.groupPercent(from, to, TICK_THREAD));
  }

  /** The tick thread's CPU so far, in clock ticks. */
  private long tickThreadTicks() {
    return cpu.snapshot().stackThreads().values().stream()
        .filter(thread -> thread.group().equals(TICK_THREAD))
        .mapToLong(CpuShares.Thread::ticks)
        .sum();
  }
}
