package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.events.TriggerType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class TriggerGaugeTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final CountingStore store = new CountingStore();
  private TriggerGauge gauge;

  @AfterEach
  void stop() {
    if (gauge != null) {
      gauge.destroy();
    }
  }

  @Test
  void aTypeMissingFromTheCountDropsToZero() {
    store.answers.add(Map.of(TriggerType.SCHEDULE, 3L, TriggerType.WEBHOOK, 1L));
    gauge = new TriggerGauge(store, new SimpleMeterRegistry());
    await().atMost(WAIT).until(() -> gauge.count(TriggerType.SCHEDULE) == 3);
    assertThat(gauge.count(TriggerType.WEBHOOK)).isEqualTo(1);

    store.answers.add(Map.of()); // every trigger deleted
    gauge.changed();

    await().atMost(WAIT).until(() -> gauge.count(TriggerType.SCHEDULE) == 0);
    assertThat(gauge.count(TriggerType.WEBHOOK)).isZero();
  }

  @Test
  void aBurstOfChangesCostsOneMoreCount() {
    store.answers.add(Map.of(TriggerType.SCHEDULE, 1L));
    gauge = new TriggerGauge(store, new SimpleMeterRegistry());
    await().atMost(WAIT).until(() -> store.calls.get() == 1);

    for (int i = 0; i < 50; i++) {
      gauge.changed();
    }

    await().atMost(WAIT).until(() -> store.calls.get() == 2);
    // the next count could only come from another change (or the minute's tick)
    await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> store.calls.get() == 2);
  }

  /** Answers each count with the next of {@link #answers}, the last one again once none is left. */
  private static final class CountingStore extends TriggerStore {
    final List<Map<TriggerType, Long>> answers = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    CountingStore() {
      super(null, Clock.systemUTC());
    }

    @Override
    Mono<Map<TriggerType, Long>> countByType() {
      int call = calls.getAndIncrement();
      return Mono.just(answers.get(Math.min(call, answers.size() - 1)));
    }
  }
}
