package io.outrun.bench;

import java.util.Map;

/**
 * What {@link WebhookBenchmark} offers and where the stack is. Arguments are {@code --name=value};
 * the addresses follow the local stack's port variables ({@code OUTRUN_*_PORT}, see README).
 *
 * @param seconds measured length of each saturation phase
 * @param warmup seconds of saturation load before measuring, long enough for the stack JVM's C2
 *     compiler to compile the endpoint's path (a minute or two under load); up to 5 of them are
 *     also the settling time before the half-load phase
 * @param warmupMax the most seconds a saturation phase's warm-up goes on for while the stack's JIT
 *     compiler is still busy after {@code warmup} ({@link JitCompiler}); at most {@code warmup}: a
 *     fixed warm-up
 * @param connections HTTP/1.1 keep-alive connections to the listener: the requests in flight at
 *     saturation, and the most in flight at half load
 * @param rate requests per second of the latency phase; 0 means half the saturation rate measured
 *     for each endpoint
 * @param latencySeconds measured length of each half-load (latency) phase; 0 skips it
 * @param bodyBytes about how large each webhook's JSON body is
 * @param drain seconds to wait at most, before the webhook's half-load phase, for the runner to
 *     consume the run requests of the saturation phase; 0 does not wait
 */
record WebhookBenchOptions(
    int seconds,
    int warmup,
    int warmupMax,
    int connections,
    int rate,
    int latencySeconds,
    int bodyBytes,
    int drain,
    String apiUrl,
    String listenerUrl,
    String kafkaBootstrap) {

  static final String USAGE =
      "options: --seconds=15 --warmup=120 --warmup-max=360 --connections=64 --rate=0 (0: half the"
          + " saturation rate) --latency-seconds=15 --body-bytes=512 --drain=0";

  private static final Map<String, Integer> DEFAULTS =
      Map.of(
          "seconds", 15,
          "warmup", 120,
          "warmup-max", 360,
          "connections", 64,
          "rate", 0,
          "latency-seconds", 15,
          "body-bytes", 512,
          "drain", 0);

  static WebhookBenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, Integer> values = BenchArgs.parse(args, DEFAULTS, USAGE, "seconds", "connections");
    if (values.get("body-bytes") > 1_000_000) {
      throw new IllegalArgumentException("--body-bytes must be at most 1000000");
    }
    return new WebhookBenchOptions(
        values.get("seconds"),
        values.get("warmup"),
        values.get("warmup-max"),
        values.get("connections"),
        values.get("rate"),
        values.get("latency-seconds"),
        values.get("body-bytes"),
        values.get("drain"),
        "http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"),
        "http://localhost:" + BenchArgs.port(env, "OUTRUN_LISTENER_PORT", "8081"),
        "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092"));
  }

  boolean latencyPhase() {
    return latencySeconds > 0;
  }

  /** The half-load rate for an endpoint that saturated at {@code saturation} requests/s. */
  int latencyRate(double saturation) {
    return rate > 0 ? rate : Math.max(1, (int) Math.round(saturation / 2));
  }
}
