package io.outrun.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outrun.events.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times publishes to their acknowledgement and counts those that failed, per topic. The failure
 * counters exist at zero from the start, so a 503 alert has a series before the first timeout.
 */
final class PublishMeters {

  static final String TIMEOUT = "timeout";
  static final String ERROR = "error";

  private final MeterRegistry meters;
  private final Map<String, Timer> acknowledged = new ConcurrentHashMap<>();

  PublishMeters(MeterRegistry meters) {
    this.meters = meters;
    for (String topic : Topics.all()) {
      failures(topic, TIMEOUT);
      failures(topic, ERROR);
    }
  }

  void acknowledged(String topic, Duration took) {
    acknowledged.computeIfAbsent(topic, this::timer).record(took);
  }

  private Timer timer(String topic) {
    return Timer.builder(BusMetrics.PUBLISH)
        .description("From a publish to Kafka's acknowledgement")
        .tag(BusMetrics.TOPIC, topic)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(meters);
  }

  void failed(String topic, String reason) {
    failures(topic, reason).increment();
  }

  private Counter failures(String topic, String reason) {
    return Counter.builder(BusMetrics.PUBLISH_FAILURES)
        .description("Publishes Kafka did not acknowledge (timeout: the caller got a 503)")
        .tag(BusMetrics.TOPIC, topic)
        .tag(BusMetrics.REASON, reason)
        .register(meters);
  }
}
