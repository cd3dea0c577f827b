package io.outrun.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a user waits from {@code POST /api/workflows/{id}/runs} until {@code GET /api/runs/{id}}
 * shows the two-step run completed, against a running stack ({@code ./outrun up}). Runs one at a
 * time, polling every 2 ms, and prints percentiles. Not a test: run it with {@code ./outrun bench
 * latency [runs]}.
 */
public final class RunLatencyBenchmark {

  private static final int WARM_UP = 20;

  private final OutrunApi api;

  private RunLatencyBenchmark(OutrunApi api) {
    this.api = api;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String base = System.getenv().getOrDefault("OUTRUN_API_URL", "http://localhost:8080");
    new RunLatencyBenchmark(new OutrunApi(base)).run(runs);
  }

  private void run(int runs) throws Exception {
    api.signIn("bench");
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
