package io.outrun.bench;

import java.util.Map;

/**
 * What {@link AcceptBenchmark} offers and where the stack is. Arguments are {@code --name=value};
 * the addresses follow the local stack's port variables ({@code OUTRUN_*_PORT}, see README).
 *
 * @param seconds measured length of the saturation phase
 * @param warmup seconds of the same load before measuring, long enough for the stack JVM's C2
 *     compiler to compile the accept path (a minute or two under load)
 * @param connections HTTP/1.1 keep-alive connections to trigger-api: the requests in flight
 */
record AcceptBenchOptions(
    int seconds, int warmup, int connections, String apiUrl, String kafkaBootstrap) {

  static final String USAGE = "options: --seconds=30 --warmup=150 --connections=64";

  private static final Map<String, Integer> DEFAULTS =
      Map.of("seconds", 30, "warmup", 150, "connections", 64);

  static AcceptBenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, Integer> values = BenchArgs.parse(args, DEFAULTS, USAGE, "seconds", "connections");
    return new AcceptBenchOptions(
        values.get("seconds"),
        values.get("warmup"),
        values.get("connections"),
        "http://localhost:" + BenchArgs.port(env, "OUTRUN_API_PORT", "8080"),
        "localhost:" + BenchArgs.port(env, "OUTRUN_KAFKA_PORT", "9092"));
  }
}
