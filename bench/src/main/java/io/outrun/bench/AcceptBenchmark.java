package io.outrun.bench;

import io.outrun.bench.WebhookLoad.Request;
import io.outrun.bench.WebhookLoad.Result;
import java.util.UUID;

/**
 * {@code ./outrun bench accept}: how many manual run requests per second trigger-api accepts
 * ({@code POST /api/workflows/{id}/runs}, 202 once the request is on Kafka and the queued run
 * stored), and what one costs the stack. Not a test.
 *
 * <p>The stack the {@code outrun} script starts for it has every Kafka consumer pointed at a closed
 * port, so the runner executes none of the accepted runs and the figure is the accept path's alone
 * ({@code bench runs} measures accepting and running together). Against a stack already up, its
 * runner runs them on the same cores; the benchmark says how many run requests the runner's group
 * committed during the measured window.
 *
 * <p>It signs in, creates a draft two-step workflow (a draft's runs are test runs: the same
 * endpoint and path as a deployed workflow's manual runs, which need a test run completed first),
 * then saturates the endpoint over {@code --connections} keep-alive connections ({@link
 * WebhookLoad}): {@code --warmup} seconds for the JIT, and on while its compiler is busy ({@link
 * JitCompiler}), then {@code --seconds} measured. Any answer but 202 is an error. It prints
 * accepted/s, latency, the stack's CPU per accepted request and where CPU went ({@link CpuShares}),
 * and the target.
 */
public final class AcceptBenchmark {

  /** The longest the warm-up goes on for while the JIT compiler is busy, unless set longer. */
  private static final int MAX_WARMUP_SECONDS = 360;

  private static final int TARGET_RATE = 1_000;

  private final AcceptBenchOptions options;

  private AcceptBenchmark(AcceptBenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("logback.configurationFile", "bench-logback.xml");
    BenchArgs.main(
        args,
        a -> AcceptBenchOptions.parse(a, System.getenv()),
        options -> new AcceptBenchmark(options).run());
  }

  private void run() throws Exception {
    OutrunApi api = new OutrunApi(options.apiUrl());
    if (!api.healthy()) {
      throw new IllegalStateException("no stack answers on " + options.apiUrl());
    }
    api.signIn("bench-" + UUID.randomUUID().toString().substring(0, 8));
    String workflowId = api.createWorkflow("accept benchmark");
    String path = OutrunApi.runsPath(workflowId);
    Request request = api.runRequest();
    System.out.printf(
        "Accept benchmark: POST %s%s (test runs of a draft two-step workflow), %d connections%n"
            + "stack JVM: %s%n",
        options.apiUrl(), path, options.connections(), CpuShares.stackJvmFlags());
    try (WebhookLoad load = new WebhookLoad(options.apiUrl(), options.connections());
        RunnerBacklog backlog = new RunnerBacklog(options.kafkaBootstrap())) {
      WebhookLoad.Answer first = load.post(path, request).block();
      if (first == null || first.status() != 202) {
        throw new IllegalStateException(
            "a run request was not accepted: "
                + (first == null ? "no answer" : first.status() + " " + first.body()));
      }
      int most = Math.max(options.warmup(), MAX_WARMUP_SECONDS);
      System.out.printf(
          "%n== saturation, %d connections, %d s measured after %d s warm-up (and on while the JIT"
              + " compiler is busy, %d s at most)%n",
          options.connections(), options.seconds(), options.warmup(), most);
      CpuShares cpu = CpuShares.find(System.getenv());
      CpuWindow window = new CpuWindow(cpu, backlog::committed);
      JitCompiler.UntilSettled warmup =
          new JitCompiler.UntilSettled(cpu, most, JitCompiler.WINDOW_SECONDS);
      Result result =
          load.saturate(path, i -> request, options.warmup(), warmup, options.seconds(), window);
      System.out.println(
          "  " + warmup.settling("--warmup", options.warmup(), "the " + most + " s cap"));
      print(result, window);
    }
  }

  private static void print(Result result, CpuWindow window) {
    System.out.printf(
        "  %.0f accepted/s, %d errors (%d outside the window)%s%n  latency %s%n"
            + "  stack CPU per accepted request: %s%n    %s%n  runner: %s%n",
        result.acceptedPerSecond(),
        result.errors(),
        result.errorsOutsideWindow(),
        result.lastErrorNote(),
        result.latency().text("requests", "none accepted"),
        result.accepted() == 0 ? "-" : "%.2f ms".formatted(window.stackMs() / result.accepted()),
        window.usage().text(),
        runner(window.counted() ? window.counterChange() : -1, result.accepted()));
    if (window.usage().elsewhere() >= 10) {
      System.out.printf(
          "  other processes on this machine used %.0f %% of one core during the window: the"
              + " figures are lower than the machine can do alone%n",
          window.usage().elsewhere());
    }
    long errors = result.errors() + result.errorsOutsideWindow();
    boolean met = result.acceptedPerSecond() >= TARGET_RATE && errors == 0;
    System.out.printf(
        "%nTarget (issue 18): >= %,d accepted manual runs/s with 0 errors: %s (%.0f/s, %d errors"
            + " in all)%n",
        TARGET_RATE, met ? "PASS" : "MISS", result.acceptedPerSecond(), errors);
  }

  /**
   * What the runner did over the window, from the run requests its group committed: it commits a
   * request once its run has ended (and every earlier one of its partition), so a run that outlasts
   * the window is not counted.
   */
  static String runner(long committed, long accepted) {
    if (committed < 0) {
      return "Kafka did not say what its group committed";
    }
    return committed == 0
        ? ("its group committed no run request during the window (%d accepted): nothing the"
                + " runner ran ended, the figures are the accept path's alone")
            .formatted(accepted)
        : ("its group committed %d run requests during the window (%d accepted): their runs"
                + " shared the cores with the accept path")
            .formatted(committed, accepted);
  }
}
