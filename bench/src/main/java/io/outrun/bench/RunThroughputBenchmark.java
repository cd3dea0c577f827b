package io.outrun.bench;

import io.outrun.bench.RunLedger.Ended;
import io.outrun.bench.RunLedger.Phase;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./outrun bench runs}: how many runs per second the stack sustains and how long a run takes
 * from request to completion, against a running stack (the {@code outrun} script starts one on a
 * fresh data directory when none answers). Not a test.
 *
 * <p>It deploys the two-step {@code log → transform} workflow ({@link BenchWorkflow}) and requests
 * manual runs of it as a user does, {@code POST /api/workflows/{id}/runs} to trigger-api, at a
 * fixed rate whatever happens to earlier ones ({@link OpenLoopLoad}). A run counts as done when its
 * document in MongoDB ({@code outrun.runs}) shows it completed ({@link CompletionWatcher}); its
 * latency runs from just before its POST was sent until then, on this machine's clock.
 *
 * <ol>
 *   <li>JIT warm-up: the first phase's rate for {@code --jit-warmup} (180) seconds, and on while
 *       the JIT compiler's threads are still busy (up to {@code --jit-warmup-max}, 480),
 *       unmeasured, then drained: the stack JVM's C2 compiler takes minutes under load to compile
 *       the hot paths, and a run of C2 code costs about half the CPU of one of C1 code.
 *   <li>Throughput: {@code --rate} runs/s (600) for {@code --warmup} (10) then {@code --seconds}
 *       (60) seconds, printed per {@code --window} (10) seconds; then the sustained completion
 *       rate, whether the backlog grew, and how long it took to drain once the load stopped.
 *   <li>Latency: {@code --latency-rate} runs/s (100) for {@code --latency-seconds} (30), then
 *       p50/p90/p99/max from request to completed.
 * </ol>
 *
 * <p>Also {@code --workflows} (1: every run on one Kafka partition), {@code --connections} (64
 * requests in flight at most), {@code --drain} (120 s). A rate or a length of 0 skips that phase.
 * Runner heap and CPU are sampled every second ({@link StackGauges}). Each phase ends with what a
 * run cost the stack ({@link RunCosts}): MongoDB commands and CPU milliseconds per ended run, over
 * the measured windows and over the whole phase.
 */
public final class RunThroughputBenchmark {

  private final BenchOptions options;
  private final RunLedger ledger = new RunLedger();
  private final OutrunApi api;

  private RunThroughputBenchmark(BenchOptions options) {
    this.options = options;
    this.api = new OutrunApi(options.apiUrl());
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "bench-logback.xml");
    BenchArgs.main(
        args,
        a -> BenchOptions.parse(a, System.getenv()),
        options -> new RunThroughputBenchmark(options).run());
  }

  private void run() throws Exception {
    if (!api.healthy()) {
      throw new IllegalStateException("no stack answers on " + options.apiUrl());
    }
    api.signIn("bench-" + UUID.randomUUID().toString().substring(0, 8));
    List<String> workflows =
        BenchSetup.deployedWorkflows(api, options.workflows(), options.kafkaBootstrap());
    try (ServerCommands commands = new ServerCommands(options.mongoUri());
        CompletionWatcher watcher = new CompletionWatcher(commands.client(), ledger);
        StackGauges gauges = new StackGauges(options.runnerUrl())) {
      OpenLoopLoad load = new OpenLoopLoad(api, workflows, options.connections(), ledger, watcher);
      CpuShares cpu = CpuShares.find(System.getenv());
      RunCosts costs = new RunCosts(commands, cpu, PrometheusText.scraper(options.runnerUrl()));
      PhaseRunner phases = new PhaseRunner(load, ledger, gauges, costs, cpu, options);
      if (options.jitWarmupRate() > 0) {
        System.out.printf(
            "%nJIT warm-up: %d runs/s offered for %d s, and on while the JIT compiler's threads"
                + " take more than %.0f %% of one core (at most %d s in all), not measured, then"
                + " drained: the stack's C2 compiler takes minutes under load to compile its hot"
                + " paths (--jit-warmup=0 measures it cold)%n",
            options.jitWarmupRate(),
            options.jitWarmup(),
            JitCompiler.SETTLED_PERCENT,
            Math.max(options.jitWarmup(), options.jitWarmupMax()));
        if (!phases.warmUp(options.jitWarmupRate(), options.jitWarmup(), options.jitWarmupMax())) {
          System.out.printf(
              "%nThe JIT warm-up's backlog did not drain within --drain=%d s, so no phase is"
                  + " measured: it would measure that backlog. Give it longer, or a lower rate.%n",
              options.drain());
          printEnd(gauges);
          return;
        }
      }
      if (options.throughputPhase()) {
        throughput(phases);
      }
      long leftOver = ledger.counts().backlog();
      if (options.latencyPhase() && leftOver > 0) {
        System.out.printf(
            "%nLatency phase skipped: %d runs of the throughput phase are still pending, so it"
                + " would measure their queue. Run it alone with --rate=0.%n",
            leftOver);
      } else if (options.latencyPhase()) {
        latency(phases);
      }
      printEnd(gauges);
    }
  }

  private void throughput(PhaseRunner phases) throws InterruptedException {
    System.out.printf(
        "%nThroughput: %d runs/s offered for %d s after %d s warm-up, %d workflow(s)%n",
        options.rate(), options.seconds(), options.warmup(), options.workflows());
    PhaseRunner.Result result =
        phases.run(options.rate(), options.warmup(), options.seconds(), Phase.THROUGHPUT);
    ThroughputSummary summary =
        ThroughputSummary.of(result.measured(), result.backlogBefore(), options.rate());
    System.out.printf(
        "sustained: %.1f runs/s completed over %.0f s (offered %.1f/s, accepted %.1f/s, %d"
            + " errors, %d shed)%n",
        summary.completedPerSecond(),
        summary.seconds(),
        summary.offeredPerSecond(),
        summary.acceptedPerSecond(),
        summary.errors(),
        summary.shed());
    System.out.printf(
        "backlog: %d after the first window, %d after the last: %s; %s%n",
        summary.firstBacklog(),
        summary.lastBacklog(),
        summary.backlogGrew() ? "GROWING" : "not growing",
        drained(result.drainSeconds()));
    System.out.printf(
        "verdict: %s %d runs/s; request -> completed during the measured window: %s%n",
        summary.keepsUp() ? "keeps up with" : "does NOT keep up with",
        options.rate(),
        requestToCompleted(ledger.ended(Phase.THROUGHPUT)));
  }

  private void latency(PhaseRunner phases) throws InterruptedException {
    int warmup = options.throughputPhase() ? 0 : options.warmup();
    System.out.printf(
        "%nLatency: %d runs/s offered for %d s%s%n",
        options.latencyRate(),
        options.latencySeconds(),
        warmup > 0 ? " after " + warmup + " s warm-up" : "");
    PhaseRunner.Result result =
        phases.run(options.latencyRate(), warmup, options.latencySeconds(), Phase.LATENCY);
    List<Ended> runs = ledger.ended(Phase.LATENCY);
    List<Ended> completed = runs.stream().filter(Ended::completed).toList();
    System.out.printf(
        "%s; %d runs failed, %d requests refused%n",
        drained(result.drainSeconds()), runs.size() - completed.size(), result.rejected());
    System.out.println("request -> completed in MongoDB: " + requestToCompleted(runs));
    System.out.println(
        "run document queuedAt -> finishedAt: "
            + Percentiles.of(
                completed.stream().map(run -> (double) run.queuedToFinishedMs()).toList())
            + " (ms precision)");
    System.out.println(
        "run document startedAt -> finishedAt: "
            + Percentiles.of(
                completed.stream().map(run -> (double) run.startedToFinishedMs()).toList()));
  }

  private static Percentiles requestToCompleted(List<Ended> runs) {
    return Percentiles.of(
        runs.stream().filter(Ended::completed).map(run -> run.requestToEndNanos() / 1e6).toList());
  }

  private static String drained(double seconds) {
    return seconds < 0
        ? "backlog NOT drained within the drain timeout"
        : "drained %.1f s after the load stopped".formatted(seconds);
  }

  private void printEnd(StackGauges gauges) {
    printHeap(gauges);
    if (ledger.counts().rejected() > 0) {
      System.out.println("last refused request: " + ledger.lastRejection());
    }
    long pending = ledger.counts().backlog();
    if (pending > 0) {
      System.out.printf(
          "%d accepted runs had not ended when the benchmark stopped; a stack left up keeps"
              + " running them.%n",
          pending);
    }
  }

  private static void printHeap(StackGauges gauges) {
    StackGauges.Sample last = gauges.last();
    System.out.printf(
        "%nrunner heap: %.0f MB used now, %.0f MB most seen (sampled every second), %.0f MB live"
            + " after the last full GC.%nIn the local stack the three services, Kafka and MongoDB"
            + " share one JVM (-Xmx768m): these figures are that JVM's, an upper bound for the"
            + " runner's.%n",
        last.heapMb(), gauges.maxHeapMb(), last.liveAfterGcMb());
    System.out.println(gauges.pauses());
  }
}
