package io.outrun.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Reads values out of a Prometheus text exposition, as {@code /actuator/prometheus} answers. */
final class PrometheusText {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusText() {}

  /**
   * Reads a service's {@code /actuator/prometheus} at each call: its text, or null when it does not
   * answer 200 within 2 s. In the local stack any service's tells the JVM's figures (they share
   * it); trigger-api's asks for a token, so the listener's or the runner's are read.
   */
  static Supplier<String> scraper(String serviceUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
            .timeout(Duration.ofSeconds(2))
            .build();
    return () -> {
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (IOException e) {
        return null;
      }
    };
  }

  /**
   * The bytes the JVM has allocated on its heap so far (Micrometer's {@code
   * jvm_gc_memory_allocated_bytes}, counted at each young collection: exact to one young
   * generation's size), or NaN when {@code text} is null or has none.
   */
  static double heapAllocated(String text) {
    return text == null ? Double.NaN : sum(text, "jvm_gc_memory_allocated_bytes_total", "");
  }

  /** The JVM's garbage-collection pauses so far, every cause: how many and how long in all. */
  record GcPauses(double count, double seconds) {}

  /** From Micrometer's {@code jvm_gc_pause_seconds}; null when {@code text} has none. */
  static GcPauses gcPauses(String text) {
    double count = sum(text, "jvm_gc_pause_seconds_count", "");
    double seconds = sum(text, "jvm_gc_pause_seconds_sum", "");
    return Double.isNaN(count) || Double.isNaN(seconds) ? null : new GcPauses(count, seconds);
  }

  /**
   * The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code
   * area="heap"}; empty: every sample), or NaN when there is none.
   */
  static double sum(String text, String metric, String label) {
    return fold(text, metric, label, Double::sum);
  }

  /** The largest sample of {@code metric} whose labels contain {@code label}, or NaN. */
  static double max(String text, String metric, String label) {
    return fold(text, metric, label, Math::max);
  }

  private static double fold(
      String text, String metric, String label, java.util.function.DoubleBinaryOperator op) {
    double result = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (!isSampleOf(line, metric)) {
        continue;
      }
      int labelsEnd =
          line.charAt(metric.length()) == '{' ? line.lastIndexOf('}') + 1 : metric.length();
      String labels = line.substring(metric.length(), labelsEnd);
      if (labels.contains(label)) {
        String[] valueAndTime = line.substring(labelsEnd).trim().split("\\s+");
        double value = Double.parseDouble(valueAndTime[0]);
        result = found ? op.applyAsDouble(result, value) : value;
        found = true;
      }
    }
    return found ? result : Double.NaN;
  }

  private static boolean isSampleOf(String line, String metric) {
    if (!line.startsWith(metric) || line.length() == metric.length()) {
      return false;
    }
    char next = line.charAt(metric.length());
    return next == '{' || next == ' ';
  }
}
