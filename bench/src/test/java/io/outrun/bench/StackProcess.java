package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.infra.FreePorts;
import io.outrun.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack in a child JVM, as {@code ./outrun up} runs it ({@link LocalStack}, its settings
 * from the environment), on a data directory a test keeps across a SIGKILL and a restart.
 */
final class StackProcess implements AutoCloseable {

  /** How a JVM killed by SIGKILL (signal 9) exits, as {@link Process#exitValue()} reports it. */
  private static final int KILLED_BY_SIGKILL = 128 + 9;

  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Ports ports;

  /** The stack's ports, the same for every start on one data directory. */
  record Ports(int kafka, int kafkaController, int mongo, int api, int listener, int runner) {

    static Ports free() {
      return new Ports(
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next());
    }

    Map<String, String> environment(Path dataDir) {
      return Map.of(
          "OUTRUN_DATA_DIR", dataDir.toString(),
          "OUTRUN_KAFKA_PORT", String.valueOf(kafka),
          "OUTRUN_KAFKA_CONTROLLER_PORT", String.valueOf(kafkaController),
          "OUTRUN_MONGO_PORT", String.valueOf(mongo),
          "OUTRUN_API_PORT", String.valueOf(api),
          "OUTRUN_LISTENER_PORT", String.valueOf(listener),
          "OUTRUN_RUNNER_PORT", String.valueOf(runner));
    }
  }

  private StackProcess(Process process, Ports ports) {
    this.process = process;
    this.ports = ports;
  }

  /** Starts the stack and returns once its three services answer their health checks. */
  static StackProcess start(Path dataDir, Ports ports, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a small, quick-starting stack for a test of seconds: C1 only (the
                    // script's stack compiles with C2 too, which pays off over minutes)
                    "-Xms256m",
                    "-Xmx768m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LocalStack.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(ports.environment(dataDir));
    // a run a killed runner held is resumed once its lease expires: 5 s instead of 15 s keeps the
    // test short (the runner renews it every third of that)
    builder.environment().put("OUTRUN_RUNNER_LEASEDURATION", "5s");
    try {
      StackProcess stack = new StackProcess(builder.start(), ports);
      await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> !stack.process.isAlive() || stack.healthy());
      assertThat(stack.process.isAlive()).as("the stack started; see " + log).isTrue();
      return stack;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url(int port) {
    return "http://localhost:" + port;
  }

  String mongoConnectionString() {
    return "mongodb://127.0.0.1:" + ports.mongo() + "/?directConnection=true";
  }

  /**
   * SIGKILL: {@link Process#destroyForcibly()} sends it on Linux and macOS; the exit value proves
   * it was that and not a graceful stop.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(KILLED_BY_SIGKILL);
  }

  private boolean healthy() {
    return List.of(ports.api(), ports.listener(), ports.runner()).stream()
        .allMatch(port -> answersUp(url(port) + "/actuator/health"));
  }

  private static boolean answersUp(String health) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
