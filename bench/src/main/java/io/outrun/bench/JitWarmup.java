package io.outrun.bench;

import io.outrun.bench.WebhookLoad.Request;
import io.outrun.bench.WebhookLoad.Result;
import io.outrun.bench.WebhookLoad.Window;
import java.util.HashMap;
import java.util.Map;

/**
 * The load a benchmark offers before it measures ({@code --jit-warmup}, seconds): manual runs of a
 * deployed two-step workflow (a draft's would be test runs, which skip the stats and the listener's
 * completion paths) at {@value #RATE}/s, open loop, then a wait until the runner has ended them
 * all. The stack JVM compiles its hot paths with C2 over its first minutes under load; measured
 * meanwhile, a fresh stack's tails are C2 compiling on one of the cores and code not compiled yet,
 * above what the same stack answers two minutes later, and its idle CPU holds the compiling
 * (docs/benchmarks.md, "The stack JVM"). The load goes on past {@code --jit-warmup}, ten seconds at
 * a time, while the JIT compiler's threads still took more than {@value
 * JitCompiler#SETTLED_PERCENT} % of one core over the last ten ({@link JitCompiler}), up to {@value
 * #MAX_SECONDS} s in all (or {@code --jit-warmup} when longer). {@code --jit-warmup=0} measures the
 * stack as it is: a fresh one cold.
 */
final class JitWarmup {

  static final String OPTION = "jit-warmup";
  static final int DEFAULT_SECONDS = 120;
  static final int RATE = 200;

  /** The longest a warm-up goes on for while the compiler is busy, unless set longer. */
  static final int MAX_SECONDS = 300;

  /** HTTP connections: enough for {@value #RATE}/s while a cold stack answers in 100 ms or more. */
  private static final int CONNECTIONS = 32;

  /**
   * How long the runner may take to end the warm-up's runs after the load stopped, at least: as
   * long as the load for a longer one (a runner at half the rate catches up in as long again).
   */
  private static final int MIN_CATCH_UP_SECONDS = 120;

  private JitWarmup() {}

  /** {@code defaults} with {@code --jit-warmup}'s. */
  static Map<String, Integer> withOption(Map<String, Integer> defaults) {
    Map<String, Integer> all = new HashMap<>(defaults);
    all.put(OPTION, DEFAULT_SECONDS);
    return Map.copyOf(all);
  }

  /** {@code usage} with {@code --jit-warmup}'s default. */
  static String withUsage(String usage) {
    return usage + " --" + OPTION + "=" + DEFAULT_SECONDS;
  }

  /**
   * Offers the warm-up for {@code seconds} with {@code api}'s workspace (signed in), printing what
   * it did, and returns once the runner has ended its runs.
   *
   * @throws IllegalStateException when the stack accepted none of them, or the runner had not
   *     consumed them all (or Kafka did not say) within the catch-up time: what the benchmark
   *     measured next would be that backlog
   */
  static void run(OutrunApi api, Map<String, String> env, int seconds) throws Exception {
    if (seconds == 0) {
      System.out.println("no JIT warm-up (--" + OPTION + "=0): the stack is measured as it is");
      return;
    }
    String kafka = "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092");
    String workflowId = api.createWorkflow("JIT warm-up");
    Exception failed = null;
    try {
      api.deployAfterTestRun(workflowId);
      offer(api, workflowId, kafka, seconds, CpuShares.find(env));
    } catch (Exception e) {
      failed = e;
      throw e;
    } finally {
      try {
        api.archiveWorkflow(workflowId);
      } catch (Exception e) {
        if (failed != null) {
          failed.addSuppressed(e);
        } else {
          System.out.println("JIT warm-up: its workflow was not archived (" + e + ")");
        }
      }
    }
  }

  private static void offer(
      OutrunApi api, String workflowId, String kafka, int seconds, CpuShares cpu) throws Exception {
    String path = OutrunApi.runsPath(workflowId);
    Request request = api.runRequest();
    System.out.printf(
        "JIT warm-up: %d manual runs/s for %d s and on while the JIT compiler is busy (%d s at"
            + " most), unmeasured, then until the runner has ended them (--%s=0 measures the stack"
            + " as it is)%n",
        RATE, seconds, Math.max(seconds, MAX_SECONDS), OPTION);
    try (WebhookLoad load = new WebhookLoad(api.base(), CONNECTIONS);
        RunnerBacklog backlog = new RunnerBacklog(kafka)) {
      int most = Math.max(seconds, MAX_SECONDS);
      JitCompiler.UntilSettled warmup =
          new JitCompiler.UntilSettled(cpu, most, JitCompiler.WINDOW_SECONDS);
      // the set seconds, the last window of them apart so the compiler is judged by it alone
      int last = Math.min(warmup.lastWindowSeconds(), seconds);
      Offered offered = new Offered();
      if (seconds > last) {
        offered.add(load.fixedRate(path, i -> request, RATE, 0, seconds - last, Window.NONE));
      }
      warmup.lastWindowStarts();
      offered.add(load.fixedRate(path, i -> request, RATE, 0, last, Window.NONE));
      int warmed = seconds;
      for (int more = warmup.more(warmed); more > 0; more = warmup.more(warmed)) {
        offered.add(load.fixedRate(path, i -> request, RATE, 0, more, Window.NONE));
        warmed += more;
      }
      System.out.println(
          "JIT " + warmup.settling("--" + OPTION, seconds, "the " + most + " s cap"));
      int catchUp = Math.max(MIN_CATCH_UP_SECONDS, warmed);
      long stopped = System.nanoTime();
      long left = backlog.awaitAtMost(0, catchUp);
      System.out.printf(
          "JIT warm-up: %,d runs accepted, %d errors%s; %s%n",
          offered.accepted,
          offered.errors,
          offered.lastErrorNote,
          left == 0
              ? "the runner had ended them %.1f s after the load stopped"
                  .formatted((System.nanoTime() - stopped) / 1e9)
              : left < 0
                  ? "Kafka did not say what the runner consumed for %d s".formatted(catchUp)
                  : "the runner had %,d run requests left after %d s".formatted(left, catchUp));
      if (offered.accepted == 0) {
        throw new IllegalStateException("the stack accepted none of the warm-up's runs");
      }
      if (left != 0) {
        throw new IllegalStateException(
            "the runner did not catch up with the warm-up: a measurement now would measure its"
                + " backlog (--"
                + OPTION
                + "=0 skips the warm-up)");
      }
    }
  }

  /** What the warm-up's loads were answered, together. */
  private static final class Offered {
    private long accepted;
    private long errors;
    private String lastErrorNote = "";

    void add(Result result) {
      accepted += result.accepted();
      errors += result.errors();
      if (result.errors() > 0) {
        lastErrorNote = result.lastErrorNote();
      }
    }
  }
}
