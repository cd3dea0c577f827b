package io.outrun.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./outrun bench runaway}: what runaway expressions cost everyone else (issue 11: with them
 * running, the p99 of a simple workflow's runs and of {@code GET /api/workflows} stay within 2x of
 * idle). Not a test.
 *
 * <p>Three phases of {@code --runs} (200) measurements each, after {@code --warmup} (20) runs: one
 * at a time, a run of the deployed two-step workflow ({@link BenchWorkflow}) from {@code POST
 * /api/workflows/{id}/runs} until {@code GET /api/runs/{id}} shows it completed, then one {@code
 * GET /api/workflows}. First idle; then with {@code --runaways} (1) test runs of a one-{@code
 * transform} draft kept going ({@link RunawayLoad}): the expression of the report, then one that
 * backtracks for ever and is stopped at the 2 s time limit. For each: p50/p99, their ratio to idle,
 * the stack's CPU per simple run and that of the expression threads, what else used the machine,
 * and how the runaway runs ended. {@code --phases} (3) fewer runs only the first ones.
 */
public final class RunawayBenchmark {

  static final String USAGE = "options: --runs=200 --runaways=1 --warmup=20 --phases=3";

  private static final Map<String, Integer> DEFAULTS =
      Map.of("runs", 200, "runaways", 1, "warmup", 20, "phases", 3);
  private static final String REPORTED =
      "$count($split($pad(\\\"\\\", 5000000, \\\"ab\\\"), \\\"\\\"))";
  private static final String BACKTRACKING =
      "$match(\\\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\\\", /^(a+?)+?$/)";
  private static final String RUNAWAY =
      """
      {"name": "%s", "nodes": [{"id": "runaway", "type": "transform",
        "position": {"x": 0, "y": 0}, "data": {"expression": "%s"}}], "edges": []}
      """;

  /** The runner's expression threads, short lane and long lane, as the kernel names them. */
  private static final String SHORT_LANE = CpuShares.group("outrun-expr-1");

  private static final String LONG_LANE = CpuShares.group("outrun-expr-lon");

  private final Map<String, Integer> options;
  private final OutrunApi api;
  private final CpuShares cpu;

  private RunawayBenchmark(Map<String, Integer> options, Map<String, String> env) {
    this.options = options;
    this.api = new OutrunApi("http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"));
    this.cpu = CpuShares.find(env);
  }

  public static void main(String[] args) throws Exception {
    BenchArgs.main(
        args,
        a -> BenchArgs.parse(a, DEFAULTS, USAGE, "runs"),
        options -> new RunawayBenchmark(options, System.getenv()).run());
  }

  private void run() throws Exception {
    api.signIn("bench-runaway-" + UUID.randomUUID().toString().substring(0, 8));
    String simple = api.createWorkflow("runaway benchmark: simple");
    String reported = api.createWorkflowFrom(RUNAWAY.formatted("runaway: reported", REPORTED));
    String backtracking =
        api.createWorkflowFrom(RUNAWAY.formatted("runaway: backtracking", BACKTRACKING));
    try {
      api.deployAfterTestRun(simple);
      for (int i = 0; i < options.get("warmup"); i++) {
        RunLatency.time(api, simple);
      }
      Phase idle = measure("idle", simple, null);
      List<Phase> phases = new ArrayList<>(List.of(idle));
      if (options.get("phases") > 1) {
        phases.add(measure("the reported expression", simple, reported));
      }
      if (options.get("phases") > 2) {
        phases.add(measure("a regex stopped at the time limit", simple, backtracking));
      }
      System.out.printf("%nSummary (%d runaway run(s) kept going):%n", options.get("runaways"));
      phases.forEach(phase -> System.out.println(phase.summary(idle)));
    } finally {
      for (String workflowId : List.of(simple, reported, backtracking)) {
        timed(() -> RunLatency.archive(api, workflowId), new int[1]);
      }
    }
  }

  private Phase measure(String name, String simple, String runaway) throws Exception {
    System.out.printf("%n%s: %d simple runs and lists%n", name, options.get("runs"));
    try (RunawayLoad runaways = RunawayLoad.start(api, runaway, options.get("runaways"))) {
      if (runaway != null) {
        Thread.sleep(1_000); // let the runaway runs get going
      }
      List<Double> runs = new ArrayList<>();
      List<Double> lists = new ArrayList<>();
      int[] errors = new int[1];
      CpuShares.Snapshot from = cpu.snapshot();
      for (int i = 0; i < options.get("runs"); i++) {
        runs.add(timed(() -> RunLatency.time(api, simple), errors));
        lists.add(timed(() -> RunLatency.list(api), errors));
      }
      CpuShares.Snapshot to = cpu.snapshot();
      Phase phase =
          new Phase(
              name,
              Percentiles.of(runs),
              Percentiles.of(lists),
              cpu.stackPercent(from, to) * (to.nanos() - from.nanos()) / 1e9 * 10 / runs.size(),
              cpu.groupPercent(from, to, SHORT_LANE),
              cpu.groupPercent(from, to, LONG_LANE),
              cpu.between(from, to),
              errors[0],
              runaways.ended());
      System.out.println(phase.details());
      return phase;
    }
  }

  private interface Timed {
    double millis() throws Exception;
  }

  /** The request's milliseconds; a failed one counts as an error, with the time it took. */
  private static double timed(Timed request, int[] errors) {
    long start = System.nanoTime();
    try {
      return request.millis();
    } catch (Exception e) {
      errors[0]++;
      System.out.println("  error: " + e);
      return (System.nanoTime() - start) / 1e6;
    }
  }

  /** One phase's figures; CPU in ms per measured run and percent of one core. */
  record Phase(
      String name,
      Percentiles runs,
      Percentiles lists,
      double stackMsPerRun,
      double shortLanePercent,
      double longLanePercent,
      CpuShares.Usage usage,
      int errors,
      List<RunawayLoad.Ended> runaways) {

    String details() {
      StringBuilder text =
          new StringBuilder(
              """
                POST /runs -> completed: %s
                GET /api/workflows:      %s
                errors: %d (a failed or timed-out request counts with the time it took)
                stack CPU %.1f ms per measured run (with its list and status polls);
                expression threads: short lane %.0f%%, long lane %.0f%% of one core
                %s
              """
                  .formatted(
                      runs,
                      lists,
                      errors,
                      stackMsPerRun,
                      shortLanePercent,
                      longLanePercent,
                      usage.text()));
      if (!runaways.isEmpty()) {
        text.append(
            "  runaway runs ended: %d (%d failed), request -> ended %s%n  e.g. %s"
                .formatted(
                    runaways.size(),
                    runaways.stream().filter(r -> r.status().equals("failed")).count(),
                    Percentiles.of(runaways.stream().map(RunawayLoad.Ended::millis).toList()),
                    runaways.getLast().error()));
      }
      return text.toString();
    }

    String summary(Phase idle) {
      double runRatio = runs.p99() / idle.runs.p99();
      double listRatio = lists.p99() / idle.lists.p99();
      return "  %-36s run p99 %7.1f ms (x%.2f), list p99 %6.1f ms (x%.2f), %5.1f CPU ms/run,"
              .formatted(name, runs.p99(), runRatio, lists.p99(), listRatio, stackMsPerRun)
          + " others %.0f%% of a core: %s"
              .formatted(
                  usage.elsewhere(),
                  runRatio <= 2 && listRatio <= 2 && errors == 0 ? "PASS" : "MISS");
    }
  }
}
