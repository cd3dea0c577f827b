package io.outrun.bench;

import io.outrun.bench.PrometheusText.GcPauses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The stack JVM's garbage-collection pauses over a measured window of {@link WebhookLoad}: how many
 * and how long in all, from Micrometer's {@code jvm_gc_pause_seconds} count and sum read at the
 * window's edges. Every pause stops every thread of the JVM, so in the local stack (three services,
 * Kafka and MongoDB in one) a request that arrives during one waits it out: the pauses are the
 * usual floor of a tail latency there.
 */
final class GcWindow implements WebhookLoad.Window {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Supplier<String> prometheusText;
  private GcPauses start;
  private GcPauses end;
  private long startNanos;
  private long endNanos;

  /** {@code prometheusText}: a Prometheus text exposition of the stack JVM, or null if none. */
  GcWindow(Supplier<String> prometheusText) {
    this.prometheusText = prometheusText;
  }

  /** Read from a service's {@code /actuator/prometheus} (any service: they share the JVM). */
  static GcWindow of(String serviceUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(2))
            .build();
    return new GcWindow(
        () -> {
          try {
            HttpResponse<String> response =
                HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          } catch (IOException e) {
            return null;
          }
        });
  }

  @Override
  public void started() {
    startNanos = System.nanoTime();
    start = read();
  }

  @Override
  public void ended() {
    endNanos = System.nanoTime();
    end = read();
  }

  private GcPauses read() {
    String text = prometheusText.get();
    return text == null ? null : PrometheusText.gcPauses(text);
  }

  /** One line: the pauses over the window, their total, its share of the window, and the mean. */
  String text() {
    if (start == null || end == null) {
      return "stack GC pauses: not reported";
    }
    double count = end.count() - start.count();
    double pausedMs = (end.seconds() - start.seconds()) * 1000;
    double windowMs = (endNanos - startNanos) / 1e6;
    if (count == 0) {
      return "stack GC pauses: none";
    }
    return "stack GC pauses: %.0f, %.0f ms in all (%.1f %% of the window), %.0f ms on average"
        .formatted(count, pausedMs, 100 * pausedMs / windowMs, pausedMs / count);
  }
}
