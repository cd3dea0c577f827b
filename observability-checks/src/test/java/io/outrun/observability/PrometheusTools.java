package io.outrun.observability;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code prometheus} and {@code promtool} (Debian package {@code prometheus}), found on
 * {@code PATH}. Missing, a test fails saying how to install them: it never skips.
 */
final class PrometheusTools {

  static final Path REPOSITORY =
      Path.of(System.getProperty("outrun.repository", "..")).toAbsolutePath().normalize();
  static final Path RULES = REPOSITORY.resolve("deploy/prometheus/rules/outrun-alerts.yml");
  static final Path RULE_TESTS =
      REPOSITORY.resolve("deploy/prometheus/tests/outrun-alerts.test.yml");
  static final Path CONFIG = REPOSITORY.resolve("deploy/prometheus/prometheus.yml");
  static final Path DASHBOARDS = REPOSITORY.resolve("deploy/grafana/dashboards");

  private PrometheusTools() {}

  /** What a promtool run printed, and its exit code. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  static Path binary(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseGet(
            () ->
                fail(
                    name
                        + " is not on PATH. observability-checks runs the real Prometheus: install"
                        + " Debian's package (`sudo apt-get install prometheus`, which brings"
                        + " prometheus and promtool; ./outrun test does it when run as root) or put"
                        + " both binaries from prometheus.io on PATH."));
  }

  /** Runs promtool with {@code args}, {@code stdin} as its input (may be null). */
  static Result promtool(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary("promtool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + "\n(promtool did not finish in 60 s)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
