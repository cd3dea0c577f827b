package io.outrun.bench;

import java.util.Map;

/**
 * What {@link RunThroughputBenchmark} offers and where the stack is. Arguments are {@code
 * --name=value}; the addresses follow the local stack's own port variables ({@code OUTRUN_*_PORT},
 * see README), so a stack moved to other ports is found the same way.
 *
 * @param rate runs per second offered in the throughput phase (0 skips it)
 * @param seconds measured length of the throughput phase
 * @param warmup seconds offered at {@code rate} before measuring
 * @param jitWarmup seconds offered before the first phase, unmeasured and then drained, so the
 *     stack's JIT compiler has compiled the hot paths (C2 takes minutes under load; 0 measures a
 *     cold stack)
 * @param jitWarmupMax the most seconds the JIT warm-up goes on for while the compiler is still busy
 *     after {@code jitWarmup} ({@link PhaseRunner#warmUp}); at most {@code jitWarmup}: a fixed
 *     warm-up
 * @param latencyRate runs per second offered in the latency phase
 * @param latencySeconds length of the latency phase (0 skips it)
 * @param workflows how many deployed workflows the runs are spread over, each on its own Kafka
 *     partition when there are enough (runs of one workflow share a partition)
 * @param connections most HTTP requests in flight at once (and so connections to trigger-api)
 * @param window seconds per printed window
 * @param drain seconds to wait, after the load stops, for the backlog to empty
 */
record BenchOptions(
    int rate,
    int seconds,
    int warmup,
    int jitWarmup,
    int jitWarmupMax,
    int latencyRate,
    int latencySeconds,
    int workflows,
    int connections,
    int window,
    int drain,
    String apiUrl,
    String runnerUrl,
    String mongoUri,
    String kafkaBootstrap) {

  static final String USAGE =
      "options: --rate=600 --seconds=60 --warmup=10 --jit-warmup=180 --jit-warmup-max=480"
          + " --latency-rate=100 --latency-seconds=30 --workflows=1 --connections=64 --window=10"
          + " --drain=120";

  private static final Map<String, Integer> DEFAULTS =
      Map.ofEntries(
          Map.entry("rate", 600),
          Map.entry("seconds", 60),
          Map.entry("warmup", 10),
          Map.entry("jit-warmup", 180),
          Map.entry("jit-warmup-max", 480),
          Map.entry("latency-rate", 100),
          Map.entry("latency-seconds", 30),
          Map.entry("workflows", 1),
          Map.entry("connections", 64),
          Map.entry("window", 10),
          Map.entry("drain", 120));

  static BenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, Integer> values =
        BenchArgs.parse(args, DEFAULTS, USAGE, "workflows", "connections", "window");
    return new BenchOptions(
        values.get("rate"),
        values.get("seconds"),
        values.get("warmup"),
        values.get("jit-warmup"),
        values.get("jit-warmup-max"),
        values.get("latency-rate"),
        values.get("latency-seconds"),
        values.get("workflows"),
        values.get("connections"),
        values.get("window"),
        values.get("drain"),
        "http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"),
        "http://localhost:" + BenchArgs.port(env, "OUTRUN_RUNNER_PORT", "8082"),
        "mongodb://localhost:"
            + BenchArgs.port(env, "OUTRUN_MONGO_PORT", "27017")
            + "/?directConnection=true",
        "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092"));
  }

  boolean throughputPhase() {
    return rate > 0 && seconds > 0;
  }

  boolean latencyPhase() {
    return latencyRate > 0 && latencySeconds > 0;
  }

  /** The rate of the JIT warm-up: the first phase's; 0 when there is none to warm up for. */
  int jitWarmupRate() {
    if (jitWarmup == 0) {
      return 0;
    }
    return throughputPhase() ? rate : latencyPhase() ? latencyRate : 0;
  }
}
