package io.outrun.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * {@code ./outrun bench fairness}: how long one workspace's single run waits behind another
 * workspace's flood. Workspace A requests {@code --runs} (5,000) manual runs of a short workflow
 * ({@code log}, then a {@code delay} of {@code --delay-ms}, 100) as fast as trigger-api accepts
 * them ({@code --connections} in flight, 64; a 429 is retried after a second), all on one Kafka
 * partition; then workspace B requests one run of the same shape, on the same partition, behind the
 * whole flood. Prints B's request -> completed time, the median duration ({@code startedAt ->
 * finishedAt}) of A's runs, their ratio (how many run durations B waited), how many of A's runs had
 * ended when B's completed, and A's drain time; then what a run cost the stack ({@link RunCosts}).
 * Not a test.
 */
public final class FairnessBenchmark {

  private static final String USAGE =
      "usage: ./outrun bench fairness [--runs=5000 --delay-ms=100 --connections=64 --drain=600]";
  private static final Map<String, Integer> DEFAULTS =
      Map.of("runs", 5000, "delay-ms", 100, "connections", 64, "drain", 600);
  private static final List<String> ENDED = List.of("completed", "failed", "cancelled");

  private final Map<String, Integer> options;
  private final BenchOptions stack;

  private FairnessBenchmark(Map<String, Integer> options, BenchOptions stack) {
    this.options = options;
    this.stack = stack;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "bench-logback.xml");
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE, "runs", "connections"),
        options ->
            new FairnessBenchmark(options, BenchOptions.parse(new String[0], System.getenv()))
                .run());
  }

  private void run() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    OutrunApi flooder = new OutrunApi(stack.apiUrl());
    OutrunApi single = new OutrunApi(stack.apiUrl());
    if (!flooder.healthy()) {
      throw new IllegalStateException("no stack answers on " + stack.apiUrl());
    }
    flooder.signIn("flood-" + suffix);
    single.signIn("single-" + suffix);
    String workflowA = deployed(flooder, "fairness flood");
    String workflowB = onPartitionOf(single, workflowA);
    int runs = options.get("runs");
    try (ServerCommands commands = new ServerCommands(stack.mongoUri());
        MongoClient mongo = commands.client()) {
      MongoCollection<Document> runDocs = mongo.getDatabase("outrun").getCollection("runs");
      RunCosts costs =
          new RunCosts(
              commands, CpuShares.find(System.getenv()), PrometheusText.scraper(stack.runnerUrl()));
      RunCosts.Mark before = costs.mark(0);
      long floodStart = System.nanoTime();
      int refused = flood(flooder, workflowA, runs);
      double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
      long endedAtRequest = ended(runDocs, workflowA);
      double singleMs = requestToCompleted(single, workflowB);
      long endedAtSingle = ended(runDocs, workflowA);
      double drainSeconds = drain(runDocs, workflowA, runs, floodStart);
      RunCosts.Mark after = costs.mark(ended(runDocs, workflowA) + 1);
      double medianMs = medianDuration(runDocs, workflowA);
      System.out.printf(
          "%nflood: %d runs of A accepted in %.1f s (%d answers 429, retried)%n"
              + "B's one run, requested after the flood (%d of A's runs not ended yet):"
              + " request -> completed %.0f ms%n"
              + "A's runs: median startedAt -> finishedAt %.0f ms; B waited %.1f run durations;"
              + " %d of A's %d runs had ended when B's completed%n"
              + "A drained %s%n%s%n",
          runs,
          floodSeconds,
          refused,
          runs - endedAtRequest,
          singleMs,
          medianMs,
          singleMs / medianMs,
          endedAtSingle,
          runs,
          drainSeconds < 0
              ? "NOT within --drain"
              : "%.1f s after its first request".formatted(drainSeconds),
          costs.between(before, after));
    }
  }

  private String deployed(OutrunApi api, String name) throws Exception {
    String workflowId =
        api.createWorkflowFrom(BenchWorkflow.delayedJson(name, options.get("delay-ms")));
    api.deployAfterTestRun(workflowId);
    return workflowId;
  }

  /** B's workflow, created until one lands on the partition of A's, so it queues behind A's. */
  private String onPartitionOf(OutrunApi api, String workflowA) throws Exception {
    int partitions = BenchSetup.partitionsOfRunRequests(stack.kafkaBootstrap());
    int target = BenchSetup.partitionOf(workflowA, partitions);
    String json = BenchWorkflow.delayedJson("fairness single", options.get("delay-ms"));
    for (int attempt = 0; attempt < 50 * partitions; attempt++) {
      String workflowId = api.createWorkflowFrom(json);
      if (BenchSetup.partitionOf(workflowId, partitions) == target) {
        api.deployAfterTestRun(workflowId);
        return workflowId;
      }
    }
    throw new IllegalStateException("no workflow id landed on partition " + target);
  }

  /** Requests {@code runs} runs, at most {@code --connections} at once; the 429s it retried. */
  private int flood(OutrunApi api, String workflowId, int runs) throws Exception {
    Semaphore slots = new Semaphore(options.get("connections"));
    AtomicInteger refused = new AtomicInteger();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      slots.acquire();
      sent.add(accepted(api, workflowId, refused).whenComplete((ok, e) -> slots.release()));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    return refused.get();
  }

  private CompletableFuture<Void> accepted(
      OutrunApi api, String workflowId, AtomicInteger refused) {
    return api.requestRun(workflowId)
        .thenCompose(
            response -> {
              if (response.statusCode() == 202) {
                return CompletableFuture.completedFuture(null);
              }
              if (response.statusCode() != 429) {
                throw new IllegalStateException(describe(response));
              }
              refused.incrementAndGet();
              return CompletableFuture.runAsync(
                      () -> {}, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                  .thenCompose(ignored -> accepted(api, workflowId, refused));
            });
  }

  private static String describe(HttpResponse<String> response) {
    return "POST /runs answered " + response.statusCode() + ": " + response.body();
  }

  /**
   * Milliseconds from B's {@code POST /runs} until {@code GET /api/runs/{id}} shows it completed,
   * polling every 10 ms, for up to {@code --drain} seconds.
   */
  private double requestToCompleted(OutrunApi api, String workflowId) throws Exception {
    long start = System.nanoTime();
    long deadline = start + options.get("drain") * 1_000_000_000L;
    String runId = api.startRun(workflowId);
    while (System.nanoTime() < deadline) {
      String status = api.status(runId);
      if (status.equals("completed")) {
        return (System.nanoTime() - start) / 1e6;
      }
      if (status.equals("failed")) {
        throw new IllegalStateException("B's run " + runId + " failed");
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("B's run " + runId + " did not complete within --drain");
  }

  private static long ended(MongoCollection<Document> runs, String workflowId) {
    return runs.countDocuments(and(eq("workflowId", workflowId), in("status", ENDED)));
  }

  /** Seconds from {@code start} until all of A's runs ended, or -1 past {@code --drain}. */
  private double drain(MongoCollection<Document> runs, String workflowId, int count, long start)
      throws InterruptedException {
    long deadline = System.nanoTime() + options.get("drain") * 1_000_000_000L;
    while (ended(runs, workflowId) < count) {
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(200);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double medianDuration(MongoCollection<Document> runs, String workflowId) {
    List<Double> durations = new ArrayList<>();
    runs.find(and(eq("workflowId", workflowId), eq("status", "completed")))
        .projection(new Document("durationMs", 1))
        .forEach(
            run -> {
              if (run.get("durationMs") instanceof Number millis) {
                durations.add(millis.doubleValue());
              }
            });
    return Percentiles.of(durations).p50();
  }
}
