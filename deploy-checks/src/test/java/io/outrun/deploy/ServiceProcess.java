package io.outrun.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's production jar in a JVM of its own, with exactly the environment it is given (the
 * test JVM's own environment is not inherited), as its image runs it: {@code java -jar app.jar}, or
 * for the dev image {@code java -cp app.jar:dev-auth.jar <main class>}.
 */
final class ServiceProcess implements AutoCloseable {

  /**
   * For a 2-core machine running three services and the infrastructure: a small heap, the C1 JIT
   * only and the serial collector. They change how fast the JVM is, not what the service reads.
   */
  private static final List<String> JVM_FLAGS =
      List.of("-Xmx512m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final int managementPort;

  private ServiceProcess(String name, Process process, Path log, int managementPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.managementPort = managementPort;
  }

  static ServiceProcess start(
      String name,
      ServiceJar jar,
      boolean devImage,
      Map<String, String> environment,
      int managementPort) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    if (devImage) {
      command.addAll(List.of("-cp", jar.appJar() + ":" + ServiceJar.devAuthJar(), jar.mainClass()));
    } else {
      command.addAll(List.of("-jar", jar.appJar().toString()));
    }
    try {
      Path log =
          Files.createDirectories(Repository.buildDirectory().resolve("compose-stack"))
              .resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().clear();
      builder.environment().putAll(environment);
      return new ServiceProcess(name, builder.start(), log, managementPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the readiness group on the management port answers UP. */
  void awaitReady(Instant deadline) {
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      HttpResponse<String> readiness = get(managementPort, "/actuator/health/readiness");
      if (readiness != null
          && readiness.statusCode() == 200
          && readiness.body().contains("\"UP\"")) {
        return;
      }
      pause();
    }
    throw new AssertionError(name + " was not ready in time:\n" + logTail());
  }

  /** GET on loopback; null if nothing answers. */
  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, as a container stop sends; SIGKILL if the service has not stopped in 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
