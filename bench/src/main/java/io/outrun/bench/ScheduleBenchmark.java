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
import java.util.concurrent.atomic.AtomicReference;
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
 *   <li>The JIT warm-up ({@link JitWarmup}, {@code --jit-warmup}), so the JVM's compiling is over
 *       before its CPU is measured.
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
  private final String base;
  private final OutrunApi api;
  private final String kafkaBootstrap;
  private final CpuShares cpu;
  private final Map<String, String> env;

  private ScheduleBenchmark(Map<String, Integer> options, Map<String, String> env) {
    this.options = options;
    this.env = env;
    this.base = "http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080");
    this.api = new OutrunApi(base);
    this.kafkaBootstrap = "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092");
    this.cpu = CpuShares.find(env);
  }

  static final String USAGE =
      JitWarmup.withUsage(
          "options: --schedules=10000 --idle-seconds=30 --cpu-seconds=60 --every-second=20"
              + " --seconds=60");

  /**
   * Idle schedules per workspace: a workspace may have 1,000 triggers by default ({@code
   * outrun.api.limits.max-triggers-per-workspace}, and as many enabled: {@code
   * outrun.quotas.active-triggers}), so the 10,000 are spread over workspaces.
   */
  private static final int PER_WORKSPACE = 500;

  private static final Map<String, Integer> DEFAULTS =
      JitWarmup.withOption(
          Map.of(
              "schedules", 10_000,
              "idle-seconds", 30,
              "cpu-seconds", 60,
              "every-second", 20,
              "seconds", 60));

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE),
        options -> new ScheduleBenchmark(options, System.getenv()).run());
  }

  private void run() throws Exception {
    api.signIn("bench-schedules");
    JitWarmup.run(api, env, options.get(JitWarmup.OPTION));
    List<Deployed> workflows = new ArrayList<>();
    try {
      Cpu idle = cpu(options.get("idle-seconds"));
      System.out.printf("CPU, no schedules:              %s%n", idle);

      int count = options.get("schedules");
      String runTag = Long.toString(System.currentTimeMillis(), 36);
      if (count > 0) {
        long started = System.nanoTime();
        for (int from = 0; from < count; from += PER_WORKSPACE) {
          OutrunApi workspace = new OutrunApi(base);
          // a workspace per run too: archived workflows keep their triggers, which still count
          workspace.signIn("bench-schedules-" + runTag + "-" + from / PER_WORKSPACE);
          Deployed idleWorkflow = deployed(workspace, "schedules benchmark: idle", workflows);
          createTriggers(idleWorkflow, IDLE_CRON, from, Math.min(PER_WORKSPACE, count - from));
        }
        System.out.printf(
            "created %d schedules in %d workspaces in %.1f s; waiting for the listener to start"
                + " them%n",
            count,
            (count + PER_WORKSPACE - 1) / PER_WORKSPACE,
            (System.nanoTime() - started) / 1e9);
        awaitTicksIdle();
        Cpu loaded = cpu(options.get("cpu-seconds"));
        System.out.printf("CPU, %,d schedules, none due: %s%n", count, loaded);
        System.out.printf(
            "  => the schedules add %.2f %% of one core to the JVM; the tick thread uses %.2f %%"
                + " (target <= 5 %%)%n",
            loaded.jvmPercent() - idle.jvmPercent(), loaded.tickPercent());
      }

      if (options.get("every-second") > 0 && options.get("seconds") > 0) {
        lateness(deployed(api, "schedules benchmark: every second", workflows));
      }
    } finally {
      for (Deployed workflow : workflows) {
        workflow.api().archiveWorkflow(workflow.id());
      }
    }
  }

  /** A workflow deployed in {@code api}'s workspace. */
  private record Deployed(OutrunApi api, String id) {}

  private static Deployed deployed(OutrunApi api, String name, List<Deployed> workflows)
      throws Exception {
    Deployed workflow = new Deployed(api, api.createWorkflow(name));
    workflows.add(workflow);
    api.deployAfterTestRun(workflow.id());
    return workflow;
  }

  /** Triggers {@code first} to {@code first + count - 1} of {@code template}, 16 at a time. */
  private static void createTriggers(Deployed workflow, String template, int first, int count)
      throws Exception {
    Semaphore inFlight = new Semaphore(16);
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      inFlight.acquire();
      all.add(
          workflow
              .api()
              .createTriggerAsync(workflow.id(), template.formatted(i))
              .whenComplete(
                  (response, error) -> {
                    inFlight.release();
                    if (error != null || response.statusCode() != 201) {
                      failed.incrementAndGet();
                      firstFailure.compareAndSet(
                          null,
                          error != null
                              ? error.toString()
                              : response.statusCode() + ": " + response.body());
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get() + " of " + count + " triggers not created; first: " + firstFailure.get());
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

  private void lateness(Deployed workflow) throws Exception {
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
      createTriggers(workflow, EVERY_SECOND, 0, schedules);
      System.out.printf(
          "%d schedules firing every second; measuring for %d s%n", schedules, seconds);
      List<Double> latenessMs = new ArrayList<>();
      Instant firstCounted = null;
      long end = System.nanoTime() + Duration.ofSeconds(seconds + 5).toNanos();
      while (System.nanoTime() < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (!workflow.id().equals(record.key())) {
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
