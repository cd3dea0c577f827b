package io.outrun.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it takes; each can be changed with an
 * environment variable (for a second checkout, or a port already taken).
 */
record LocalStackSettings(
    Path dataDir,
    int kafkaPort,
    int kafkaControllerPort,
    int mongoPort,
    int apiPort,
    int listenerPort,
    int runnerPort) {

  /** The ports this stack needs that something else holds, each named for the user. */
  List<String> portsInUse() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("Kafka", kafkaPort);
    ports.put("Kafka controller", kafkaControllerPort);
    ports.put("MongoDB", mongoPort);
    ports.put("trigger-api", apiPort);
    ports.put("listener-service", listenerPort);
    ports.put("runner-service", runnerPort);
    List<String> taken = new ArrayList<>();
    ports.forEach(
        (name, port) -> {
          if (!isFree(port)) {
            taken.add(port + " (" + name + ")");
          }
        });
    return taken;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static LocalStackSettings fromEnvironment() {
    return from(System.getenv());
  }

  static LocalStackSettings from(Map<String, String> env) {
    return new LocalStackSettings(
        Path.of(env.getOrDefault("OUTRUN_DATA_DIR", ".outrun")),
        port(env, "OUTRUN_KAFKA_PORT", 9092),
        port(env, "OUTRUN_KAFKA_CONTROLLER_PORT", 9093),
        port(env, "OUTRUN_MONGO_PORT", 27017),
        port(env, "OUTRUN_API_PORT", 8080),
        port(env, "OUTRUN_LISTENER_PORT", 8081),
        port(env, "OUTRUN_RUNNER_PORT", 8082));
  }

  private static int port(Map<String, String> env, String name, int defaultPort) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'", e);
    }
  }
}
