package io.outrun.local.bench;

import io.outrun.events.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

  private final Map<String, Integer> options;
  private final OutrunApi api;
  private final String kafkaBootstrap;
  private final long stackPid;

  private ScheduleBenchmark(Map<String, Integer> options, Map<String, String> env) {
    this.options = options;
    this.api = new OutrunApi("http://localhost:" + port(env, "OUTRUN_API_PORT", "8080"));
    this.kafkaBootstrap = "localhost:" + port(env, "OUTRUN_KAFKA_PORT", "9092");
    this.stackPid = stackPid();
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.containsKey("check-options")) {
      return;
    }
    new ScheduleBenchmark(options, System.getenv()).run();
    System.exit(0);
  }

  static final String USAGE =
      "options: --schedules=10000 --idle-seconds=30 --cpu-seconds=60 --every-second=20 --seconds=60";

  static Map<String, Integer> options(String[] args) {
    Map<String, Integer> values =
        new HashMap<>(
            Map.of(
                "schedules",
                10_000,
                "idle-seconds",
                30,
                "cpu-seconds",
                60,
                "every-second",
                20,
                "seconds",
                60));
    for (String arg : args) {
      if (arg.equals("--check-options")) {
        values.put("check-options", 1);
        continue;
      }
      String[] nameValue = arg.startsWith("--") ? arg.substring(2).split("=", 2) : new String[0];
      if (nameValue.length != 2 || !values.containsKey(nameValue[0])) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
      }
      try {
        int value = Integer.parseInt(nameValue[1].trim());
        if (value < 0) {
          throw new NumberFormatException();
        }
        values.put(nameValue[0], value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + nameValue[0] + " must be a whole number >= 0");
      }
    }
    return values;
  }

  private void run() throws Exception {
    api.signIn("bench-schedules");
    System.out.printf(
        "stack JVM: pid %d (%d cores)%n", stackPid, Runtime.getRuntime().availableProcessors());
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
  private void awaitTicksIdle() throws Exception {
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

  /** CPU time of the stack's JVM and of its schedule tick thread over {@code seconds}. */
  record Cpu(double seconds, double jvmPercent, double tickPercent) {
    @Override
    public String toString() {
      return "%.2f %% of one core for the JVM (%.2f %% the tick thread), over %.0f s"
          .formatted(jvmPercent, tickPercent, seconds);
    }
  }

  private Cpu cpu(int seconds) throws Exception {
    long jvmBefore = ticks(Path.of("/proc", String.valueOf(stackPid), "stat"));
    long tickBefore = tickThreadTicks();
    long started = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double elapsed = (System.nanoTime() - started) / 1e9;
    long jvm = ticks(Path.of("/proc", String.valueOf(stackPid), "stat")) - jvmBefore;
    long tick = tickThreadTicks() - tickBefore;
    return new Cpu(elapsed, percent(jvm, elapsed), percent(tick, elapsed));
  }

  /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
  private static double percent(long clockTicks, double seconds) {
    return clockTicks / 100.0 / seconds * 100;
  }

  private long tickThreadTicks() throws Exception {
    long total = 0;
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(stackPid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          if (stat.contains("(outrun-schedule")) {
            total += ticks(task.resolve("stat"));
          }
        } catch (java.io.IOException threadEnded) {
          // gone between listing and reading
        }
      }
    }
    return total;
  }

  /** utime + stime of a /proc stat file. */
  private static long ticks(Path stat) throws Exception {
    String text = Files.readString(stat, StandardCharsets.UTF_8);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The local stack's JVM, found by its main class in /proc/<pid>/cmdline. */
  private static long stackPid() {
    try (var processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> commandLine(p).contains("io.outrun.local.LocalStack"))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .filter(pid -> pid != ProcessHandle.current().pid())
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no local stack JVM (io.outrun.local.LocalStack) found"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list /proc (this benchmark needs Linux)", e);
    }
  }

  private static String commandLine(Path process) {
    try {
      return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (java.io.IOException | SecurityException gone) {
      return "";
    }
  }

  private static String port(Map<String, String> env, String name, String defaultPort) {
    String value = env.get(name);
    return value == null || value.isBlank() ? defaultPort : value.trim();
  }
}
