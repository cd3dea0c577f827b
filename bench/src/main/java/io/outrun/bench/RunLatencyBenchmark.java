package io.outrun.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long a user waits from {@code POST /api/workflows/{id}/runs} until {@code GET /api/runs/{id}}
 * shows the two-step run completed, against the stack up on the API port or one the script starts.
 * Runs one at a time, polling every 2 ms, and prints percentiles. Not a test: run it with {@code
 * ./outrun bench latency [runs]} or {@code --runs=N}.
 */
public final class RunLatencyBenchmark {

  private static final int WARM_UP = 20;
  private static final Map<String, Integer> DEFAULTS = JitWarmup.withOption(Map.of("runs", 200));
  private static final String USAGE =
      "usage: ./outrun bench latency [runs | --runs=200] [--%s=%d]"
          .formatted(JitWarmup.OPTION, JitWarmup.DEFAULT_SECONDS);

  private final OutrunApi api;

  private RunLatencyBenchmark(OutrunApi api) {
    this.api = api;
  }

  public static void main(String[] args) throws Exception {
    // a bare number is the count of runs, as the first version of this benchmark took it
    String[] named =
        Arrays.stream(args)
            .map(arg -> arg.matches("\\d+") ? "--runs=" + arg : arg)
            .toArray(String[]::new);
    BenchArgs.main(
        named,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE),
        options -> {
          String port = BenchArgs.port(System.getenv(), "OUTRUN_API_PORT", "8080");
          String base = System.getenv().getOrDefault("OUTRUN_API_URL", "http://localhost:" + port);
          new RunLatencyBenchmark(new OutrunApi(base))
              .run(options.get("runs"), options.get(JitWarmup.OPTION));
        });
  }

  private void run(int runs, int jitWarmup) throws Exception {
    api.signIn("bench");
    JitWarmup.run(api, System.getenv(), jitWarmup);
    String workflowId = api.createWorkflow("latency benchmark");
    for (int i = 0; i < Math.min(WARM_UP, runs); i++) {
      timeOneRun(workflowId); // warm-up: JIT, connection pools, consumer assignment
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      millis.add(timeOneRun(workflowId));
    }
    System.out.printf(
        "POST /runs -> completed two-step run, after %d warm-up runs: %s%n",
        WARM_UP, Percentiles.of(millis));
  }

  private double timeOneRun(String workflowId) throws Exception {
    return RunLatency.time(api, workflowId);
  }
}
