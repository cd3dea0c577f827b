package io.outrun.listener.kafkatopic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The kafka_topic meters (names in {@link ListenerMetrics}): records consumed by outcome and
 * trigger, the trigger tag bounded (the first {@code tagged-triggers} ids met keep their own
 * series, later ones share {@code other}); the outcomes exist at zero for {@code other} from the
 * start.
 */
@Component
class KafkaTopicMetrics {

  static final String RUN_REQUESTED = "run_requested";
  static final String FILTERED_OUT = "filtered_out";
  static final String UNREADABLE = "unreadable";
  static final String FAILED = "failed";
  static final String OTHER = "other";

  private final MeterRegistry meters;
  private final int maxTagged;
  private final Set<String> tagged = ConcurrentHashMap.newKeySet();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  KafkaTopicMetrics(MeterRegistry meters, KafkaTopicProperties properties) {
    this.meters = meters;
    this.maxTagged = properties.taggedTriggers();
    for (String outcome : List.of(RUN_REQUESTED, FILTERED_OUT, UNREADABLE, FAILED)) {
      counter(OTHER, outcome);
    }
  }

  void consumers(Supplier<Number> running) {
    Gauge.builder(ListenerMetrics.KAFKA_TOPIC_CONSUMERS, running).register(meters);
  }

  void record(String triggerId, String outcome) {
    counter(tag(triggerId), outcome).increment();
  }

  void refused() {
    meters.counter(ListenerMetrics.KAFKA_TOPIC_REFUSED).increment();
  }

  private String tag(String triggerId) {
    if (tagged.contains(triggerId)) {
      return triggerId;
    }
    synchronized (tagged) {
      if (tagged.size() < maxTagged) {
        tagged.add(triggerId);
        return triggerId;
      }
    }
    return OTHER;
  }

  private Counter counter(String trigger, String outcome) {
    return counters.computeIfAbsent(
        trigger + ":" + outcome,
        key ->
            Counter.builder(ListenerMetrics.KAFKA_TOPIC_RECORDS)
                .tag(ListenerMetrics.TRIGGER, trigger)
                .tag(ListenerMetrics.OUTCOME, outcome)
                .register(meters));
  }
}
