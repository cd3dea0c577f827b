package io.outrun.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./outrun bench run-events}: what idle {@code GET /api/runs/{id}/events} subscribers cost.
 * Runs that wait an hour after their first step (one per workspace, the streams spread over
 * workspaces of at most 100 each, the default per-workspace limit) are watched by {@code --streams}
 * streams; the stack's CPU and MongoDB commands are measured for {@code --seconds} before the
 * streams open and again while they are open and idle.
 */
public final class RunEventsBenchmark {

  static final String USAGE = "options: --streams=500 --seconds=30";

  private static final Map<String, Integer> DEFAULTS = Map.of("streams", 500, "seconds", 30);
  private static final int PER_WORKSPACE = 100;

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE, "streams", "seconds"),
        options ->
            new RunEventsBenchmark()
                .run(options.get("streams"), options.get("seconds"), System.getenv()));
  }

  private record Watched(OutrunApi api, String workflowId, String runId) {}

  private void run(int streams, int seconds, Map<String, String> env) throws Exception {
    String base = "http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080");
    String mongoUri = "mongodb://localhost:" + BenchArgs.port(env, "OUTRUN_MONGO_PORT", "27017");
    List<Watched> runs = new ArrayList<>();
    for (int i = 0; i * PER_WORKSPACE < streams; i++) {
      OutrunApi api = new OutrunApi(base);
      api.signIn("bench-events-" + i + "-" + System.nanoTime());
      String workflowId = api.createWorkflowFrom(BenchWorkflow.waitingJson("run events " + i));
      runs.add(new Watched(api, workflowId, api.startRun(workflowId)));
    }
    for (Watched watched : runs) {
      awaitRunning(watched);
    }
    CpuShares cpu = CpuShares.find(env);
    List<Flow.Subscription> open = new ArrayList<>();
    try (ServerCommands commands = new ServerCommands(mongoUri)) {
      Cost idle = measure(cpu, commands, seconds);
      AtomicInteger snapshots = new AtomicInteger();
      AtomicInteger heartbeats = new AtomicInteger();
      long opening = System.nanoTime();
      for (int i = 0; i < streams; i++) {
        Watched watched = runs.get(i / PER_WORKSPACE);
        watched.api().runEvents(watched.runId(), lines(open, snapshots, heartbeats));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (snapshots.get() < streams && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      System.out.printf(
          "%d of %d streams sent their snapshot in %d ms%n",
          snapshots.get(), streams, (System.nanoTime() - opening) / 1_000_000);
      Cost watching = measure(cpu, commands, seconds);
      report(streams, seconds, idle, watching, heartbeats.get());
    } finally {
      synchronized (open) {
        open.forEach(Flow.Subscription::cancel);
      }
      for (Watched watched : runs) {
        watched.api().cancelRun(watched.runId());
        watched.api().archiveWorkflow(watched.workflowId());
      }
    }
  }

  private record Cost(double cpuMillis, Map<String, Long> commands) {}

  private static Cost measure(CpuShares cpu, ServerCommands commands, int seconds)
      throws InterruptedException {
    CpuShares.Snapshot from = cpu.snapshot();
    Map<String, Long> before = commands.stackSoFar();
    Thread.sleep(seconds * 1000L);
    Map<String, Long> after = commands.stackSoFar();
    Map<String, Long> sent = new TreeMap<>();
    after.forEach(
        (name, total) -> {
          long delta = total - before.getOrDefault(name, 0L);
          if (delta > 0) {
            sent.put(name, delta);
          }
        });
    return new Cost(cpu.stackCpuMillis(from, cpu.snapshot()), sent);
  }

  private static void report(int streams, int seconds, Cost idle, Cost watching, int heartbeats) {
    System.out.printf(
        "stack CPU over %d s: %.0f ms with no stream, %.0f ms with %d idle streams"
            + " (%.2f ms per stream per minute)%n",
        seconds,
        idle.cpuMillis(),
        watching.cpuMillis(),
        streams,
        (watching.cpuMillis() - idle.cpuMillis()) / streams * 60.0 / seconds);
    System.out.printf(
        "MongoDB commands over %d s: %s with no stream, %s with %d idle streams%n",
        seconds, idle.commands(), watching.commands(), streams);
    System.out.printf("heartbeats received: %d%n", heartbeats);
  }

  private static Flow.Subscriber<String> lines(
      List<Flow.Subscription> open, AtomicInteger snapshots, AtomicInteger heartbeats) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        synchronized (open) {
          open.add(subscription);
        }
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(String line) {
        if (line.equals("event:snapshot") || line.equals("event: snapshot")) {
          snapshots.incrementAndGet();
        } else if (line.startsWith(":")) {
          heartbeats.incrementAndGet();
        }
      }

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    };
  }

  private static void awaitRunning(Watched watched) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!"running".equals(watched.api().status(watched.runId()))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("run " + watched.runId() + " is not running after 60 s");
      }
      Thread.sleep(20);
    }
  }
}
