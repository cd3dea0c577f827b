package io.outrun.observability;

import io.outrun.infra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Prometheus, scraping the given services every second with the repository's alert rules
 * loaded, its data in a temporary directory; answers PromQL through {@code /api/v1/query}.
 */
final class PrometheusServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final URI base;
  private final Path config;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, URI base, Path config) {
    this.process = process;
    this.base = base;
    this.config = config;
  }

  /** Starts Prometheus scraping {@code /actuator/prometheus} of each job's port on loopback. */
  static PrometheusServer start(Map<String, Integer> jobs) {
    try {
      Path dir = Files.createTempDirectory("outrun-prometheus");
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, config(jobs));
      int port = FreePorts.next();
      Process process =
          new ProcessBuilder(
                  PrometheusTools.binary("prometheus").toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      return new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository's scrape settings, with every second instead of 15 s and loopback targets. */
  static String config(Map<String, Integer> jobs) {
    StringBuilder yaml =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - %s
            scrape_configs:
            """
                .formatted(PrometheusTools.RULES));
    jobs.forEach(
        (job, port) ->
            yaml.append(
                """
                  - job_name: %s
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """
                    .formatted(job, port)));
    return yaml.toString();
  }

  Path config() {
    return config;
  }

  /** True once Prometheus answers {@code /-/ready}. */
  boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@code /api/v1/query} of {@code expr} now: the whole answer ({@code status}, {@code
   * data.result} or {@code error}).
   */
  JsonNode query(String expr) {
    URI uri =
        base.resolve("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many series {@code expr} returns now; -1 with the error when Prometheus refuses it. */
  Answer answer(String expr) {
    JsonNode answer = query(expr);
    if (!"success".equals(answer.path("status").asString())) {
      return new Answer(-1, answer.path("error").asString());
    }
    return new Answer(answer.path("data").path("result").size(), null);
  }

  /**
   * True once every job has had at least two successful scrapes in the last minute, the samples a
   * {@code rate(...[1m])} over its series needs. Until the first scrape (some seconds after {@link
   * #ready}) and while scrapes fail, false.
   */
  boolean scrapedTwice(Collection<String> jobs) {
    return jobs.stream()
        .allMatch(job -> answer("sum_over_time(up{job=\"" + job + "\"}[1m]) >= 2").series() == 1);
  }

  record Answer(int series, String error) {}

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
