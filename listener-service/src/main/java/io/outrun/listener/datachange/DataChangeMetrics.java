package io.outrun.listener.datachange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.outrun.listener.ListenerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The data-change meters (names in {@link ListenerMetrics}). The event and gap counters are
 * registered at zero, so a dashboard and an alert see a series before the first change or gap.
 */
@Component
class DataChangeMetrics {

  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Timer lag;

  DataChangeMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.lag =
        Timer.builder(ListenerMetrics.DATA_CHANGE_LAG)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(meters);
    for (String outcome :
        List.of(ListenerMetrics.OUTCOME_PUBLISHED, ListenerMetrics.OUTCOME_FAILED)) {
      counter(ListenerMetrics.DATA_CHANGE_EVENTS, ListenerMetrics.OUTCOME, outcome);
    }
    for (String reason :
        List.of(DataChangeIncidents.REASON_HISTORY_LOST, DataChangeIncidents.REASON_INVALIDATED)) {
      counter(ListenerMetrics.DATA_CHANGE_GAPS, ListenerMetrics.REASON, reason);
    }
  }

  /**
   * A change's run request is on Kafka: counted, with its lag since {@code changedAt} (the change's
   * cluster time, to the second; none when the server gave none).
   */
  void published(Instant changedAt, Instant now) {
    if (changedAt != null) {
      Duration took = Duration.between(changedAt, now);
      lag.record(took.isNegative() ? Duration.ZERO : took);
    }
    count(
        ListenerMetrics.DATA_CHANGE_EVENTS,
        ListenerMetrics.OUTCOME,
        ListenerMetrics.OUTCOME_PUBLISHED);
  }

  void notPublished() {
    count(
        ListenerMetrics.DATA_CHANGE_EVENTS,
        ListenerMetrics.OUTCOME,
        ListenerMetrics.OUTCOME_FAILED);
  }

  void gap(String reason) {
    count(ListenerMetrics.DATA_CHANGE_GAPS, ListenerMetrics.REASON, reason);
  }

  void refused() {
    count(ListenerMetrics.DATA_CHANGE_REFUSED, null, null);
  }

  void restarted() {
    count(ListenerMetrics.DATA_CHANGE_RESTARTS, null, null);
  }

  private void count(String name, String tag, String value) {
    counter(name, tag, value).increment();
  }

  private Counter counter(String name, String tag, String value) {
    return counters.computeIfAbsent(
        name + ":" + value,
        key ->
            tag == null
                ? Counter.builder(name).register(meters)
                : Counter.builder(name).tag(tag, value).register(meters));
  }
}
