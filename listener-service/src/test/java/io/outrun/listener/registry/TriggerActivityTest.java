package io.outrun.listener.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.listener.ListenerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TriggerActivityTest {

  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  /** Records what it is asked to write; fails while {@code failing} is set. */
  private static final class FakeStore implements TriggerActivityStore {
    final List<List<TriggerFires>> writes = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public Mono<Void> write(List<TriggerFires> fires) {
      if (failing) {
        return Mono.error(new IllegalStateException("mongo down"));
      }
      writes.add(List.copyOf(fires));
      return Mono.empty();
    }
  }

  private final FakeStore store = new FakeStore();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TriggerActivity activity =
      new TriggerActivity(
          store, new TriggerActivityProperties(Duration.ofHours(1), Duration.ofSeconds(5)), meters);

  @Test
  void firesOfATriggerAreWrittenAsOneCountWithTheLatestTime() {
    activity.fired("t-1", T0.plusSeconds(2));
    activity.fired("t-1", T0);
    activity.fired("t-1", T0.plusSeconds(1));
    activity.fired("t-2", T0);

    StepVerifier.create(activity.flush()).verifyComplete();

    assertThat(store.writes).hasSize(1);
    assertThat(store.writes.getFirst())
        .containsExactlyInAnyOrder(
            new TriggerFires("t-1", 3, T0.plusSeconds(2)), new TriggerFires("t-2", 1, T0));
  }

  @Test
  void nothingFiredWritesNothing() {
    StepVerifier.create(activity.flush()).verifyComplete();

    assertThat(store.writes).isEmpty();
    assertThat(flushes(ListenerMetrics.OUTCOME_WRITTEN)).isZero();
  }

  @Test
  void writtenFiresAreNotWrittenAgain() {
    activity.fired("t-1", T0);
    StepVerifier.create(activity.flush()).verifyComplete();

    StepVerifier.create(activity.flush()).verifyComplete();

    assertThat(store.writes).hasSize(1);
    assertThat(flushes(ListenerMetrics.OUTCOME_WRITTEN)).isEqualTo(1);
  }

  @Test
  void failedWriteKeepsItsCountsForTheNextFlush() {
    activity.fired("t-1", T0);
    activity.fired("t-1", T0.plusSeconds(1));
    store.failing = true;
    StepVerifier.create(activity.flush()).verifyComplete();

    activity.fired("t-1", T0.plusMillis(500));
    store.failing = false;
    StepVerifier.create(activity.flush()).verifyComplete();

    assertThat(store.writes)
        .containsExactly(List.of(new TriggerFires("t-1", 3, T0.plusSeconds(1))));
    assertThat(flushes(ListenerMetrics.OUTCOME_FAILED)).isEqualTo(1);
  }

  @Test
  void stopWritesWhatRemains() {
    activity.start();
    activity.fired("t-1", T0);

    activity.stop();

    assertThat(activity.isRunning()).isFalse();
    assertThat(store.writes).containsExactly(List.of(new TriggerFires("t-1", 1, T0)));
  }

  @Test
  void firesAreWrittenEveryFlushInterval() {
    TriggerActivity frequent =
        new TriggerActivity(
            store,
            new TriggerActivityProperties(Duration.ofMillis(50), Duration.ofSeconds(5)),
            meters);
    frequent.start();
    try {
      frequent.fired("t-1", T0);
      await().atMost(Duration.ofSeconds(5)).until(() -> !store.writes.isEmpty());
    } finally {
      frequent.stop();
    }

    assertThat(store.writes).containsExactly(List.of(new TriggerFires("t-1", 1, T0)));
  }

  private double flushes(String outcome) {
    return meters
        .counter(ListenerMetrics.TRIGGER_ACTIVITY_FLUSHES, ListenerMetrics.OUTCOME, outcome)
        .count();
  }
}
