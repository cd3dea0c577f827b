package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.listener.ListenerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class WebhookLogsTest {

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final FakeStore store = new FakeStore();

  private WebhookLogs logs(int capacity) {
    return new WebhookLogs(
        store,
        new WebhookLogProperties(
            Duration.ofSeconds(1), capacity, Duration.ofSeconds(1), false, 500),
        meters);
  }

  @Test
  void everythingQueuedIsWrittenInOneWrite() {
    WebhookLogs logs = logs(100);
    for (int i = 0; i < 50; i++) {
      logs.record(entry("t" + i));
    }

    logs.flush().block();

    assertThat(store.writes).hasSize(1);
    assertThat(store.writes.getFirst()).hasSize(50);
    assertThat(logs.pending()).isZero();
    logs.flush().block();
    assertThat(store.writes).as("nothing to write, no write").hasSize(1);
    assertThat(flushes(ListenerMetrics.OUTCOME_WRITTEN)).isEqualTo(1);
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() {
    WebhookLogs logs = logs(3);
    for (int i = 0; i < 5; i++) {
      logs.record(entry("t" + i));
    }

    assertThat(logs.pending()).isEqualTo(3);
    assertThat(dropped(ListenerMetrics.REASON_BUFFER_FULL)).isEqualTo(2);
    logs.flush().block();
    assertThat(store.writes.getFirst())
        .extracting(WebhookLogEntry::triggerId)
        .containsExactly("t0", "t1", "t2");
  }

  @Test
  void eventLoopsRecordingWhileItFlushesNeitherWaitNorLoseAnEntry() {
    WebhookLogs logs = logs(5_000);

    Flux.range(0, 8)
        .parallel(8)
        .runOn(Schedulers.parallel()) // non-blocking threads: BlockHound refuses a parked lock
        .doOnNext(
            worker -> {
              for (int i = 0; i < 20_000; i++) {
                if (worker == 0) {
                  logs.flush().subscribe(); // one flusher, as the periodic flush is
                } else {
                  logs.record(entry("t" + worker));
                }
              }
            })
        .sequential()
        .blockLast(Duration.ofSeconds(60));
    logs.flush().block();

    long written = store.writes.stream().mapToLong(List::size).sum();
    assertThat(logs.pending()).isZero();
    assertThat(written + dropped(ListenerMetrics.REASON_BUFFER_FULL)).isEqualTo(140_000);
    assertThat(written).isGreaterThanOrEqualTo(5_000);
  }

  @Test
  void aFailedWriteIsRetriedOnceWithTheNextEntriesThenDropped() {
    WebhookLogs logs = logs(10);
    logs.record(entry("a"));
    store.failures = 2;

    logs.flush().block();
    assertThat(logs.pending()).isEqualTo(1);
    logs.record(entry("b"));
    logs.flush().block();
    assertThat(dropped(ListenerMetrics.REASON_WRITE_FAILED)).as("a failed twice").isEqualTo(1);
    logs.flush().block();

    assertThat(store.writes).hasSize(1);
    assertThat(store.writes.getFirst()).extracting(WebhookLogEntry::triggerId).containsExactly("b");
    assertThat(flushes(ListenerMetrics.OUTCOME_FAILED)).isEqualTo(2);
    assertThat(logs.pending()).isZero();
  }

  @Test
  void theLastEntriesAreWrittenAtShutdown() {
    WebhookLogs logs = logs(10);
    logs.start();
    logs.record(entry("last"));

    logs.stop();

    assertThat(store.writes).hasSize(1);
    assertThat(logs.isRunning()).isFalse();
  }

  private static WebhookLogEntry entry(String triggerId) {
    return new WebhookLogEntry(
        triggerId,
        "ws",
        Instant.parse("2026-03-08T07:00:00Z"),
        "POST",
        "/api/webhooks/" + triggerId,
        "203.0.113.7",
        "curl/8",
        202,
        ListenerMetrics.OUTCOME_ACCEPTED,
        3,
        "run-1");
  }

  private double flushes(String outcome) {
    return meters
        .counter(ListenerMetrics.WEBHOOK_LOGS_FLUSHES, ListenerMetrics.OUTCOME, outcome)
        .count();
  }

  private double dropped(String reason) {
    return meters
        .counter(ListenerMetrics.WEBHOOK_LOGS_DROPPED, ListenerMetrics.REASON, reason)
        .count();
  }

  private static final class FakeStore implements WebhookLogStore {
    final List<List<WebhookLogEntry>> writes = new ArrayList<>();
    int failures;

    @Override
    public Mono<Void> write(List<WebhookLogEntry> entries) {
      if (failures > 0) {
        failures--;
        return Mono.error(new IllegalStateException("down"));
      }
      writes.add(List.copyOf(entries));
      return Mono.empty();
    }
  }
}
