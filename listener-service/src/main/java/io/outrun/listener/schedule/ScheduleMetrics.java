package io.outrun.listener.schedule;

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

/** The schedule meters (names in {@link ListenerMetrics}): instants by outcome, and lateness. */
@Component
class ScheduleMetrics {

  private final MeterRegistry meters;
  private final Timer lateness;
  private final Map<String, Counter> instants = new ConcurrentHashMap<>();

  ScheduleMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.lateness =
        Timer.builder(ListenerMetrics.SCHEDULE_LATENESS)
            .description("From a scheduled instant to its run request acknowledged by Kafka")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(meters);
    // at zero from the start, so a dashboard or alert on missed instants has a series
    for (String outcome :
        List.of(
            ListenerMetrics.OUTCOME_FIRED,
            ListenerMetrics.OUTCOME_CAUGHT_UP,
            ListenerMetrics.OUTCOME_SKIPPED,
            ListenerMetrics.OUTCOME_BUFFERED,
            ListenerMetrics.OUTCOME_MISSED)) {
      count(outcome, 0);
    }
  }

  /**
   * Counts what a tick published. Lateness is of the on-time instants, to {@code acknowledged}: the
   * tick's own time plus how long it took, so it reads right on any clock, a test's included.
   */
  void record(TickReport report, List<ScheduleOutcome> published, Instant acknowledged) {
    published.stream()
        .flatMap(outcome -> outcome.onTime().stream())
        .forEach(instant -> lateness.record(Duration.between(instant, acknowledged)));
    count(ListenerMetrics.OUTCOME_FIRED, report.fired());
    count(ListenerMetrics.OUTCOME_CAUGHT_UP, report.caughtUp());
    count(ListenerMetrics.OUTCOME_SKIPPED, report.skipped());
    count(ListenerMetrics.OUTCOME_BUFFERED, report.buffered());
    count(ListenerMetrics.OUTCOME_MISSED, report.missed());
  }

  private void count(String outcome, long amount) {
    Counter counter =
        instants.computeIfAbsent(
            outcome,
            o ->
                Counter.builder(ListenerMetrics.SCHEDULE_INSTANTS)
                    .tag(ListenerMetrics.OUTCOME, o)
                    .register(meters));
    if (amount > 0) {
      counter.increment(amount);
    }
  }
}
