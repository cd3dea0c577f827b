package io.outrun.listener.datachange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The data-change meters (names in {@link ListenerMetrics}). */
@Component
class DataChangeMetrics {

  private final MeterRegistry meters;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  DataChangeMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void published() {
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
    counters
        .computeIfAbsent(
            name + ":" + value,
            key ->
                tag == null
                    ? Counter.builder(name).register(meters)
                    : Counter.builder(name).tag(tag, value).register(meters))
        .increment();
  }
}
