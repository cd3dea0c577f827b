package io.outrun.runner.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

class TurnSignalsTest {

  private final TurnSignals signals = new TurnSignals();

  @Test
  void aTurnAskedForWhileOneIsBeingCompletedCompletesAfterItInOrder() {
    List<String> events = new ArrayList<>();
    Sinks.Empty<Void> second = turn(events, "second");
    Sinks.Empty<Void> third = turn(events, "third");
    Sinks.Empty<Void> first = Sinks.empty();
    first
        .asMono()
        .subscribe(
            null,
            null,
            () -> {
              events.add("first begins");
              signals.complete(List.of(second, third));
              events.add("first ends");
            });

    signals.complete(List.of(first));

    assertThat(events)
        .containsExactly("first begins", "first ends", "second completed", "third completed");
  }

  @Test
  void turnsAskedForFromManyThreadsAtOnceAreEachCompletedOnce() throws InterruptedException {
    int threads = 4;
    int perThread = 20_000;
    AtomicInteger completed = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> askers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread asker =
          Thread.ofPlatform()
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = 0; i < perThread; i++) {
                      Sinks.Empty<Void> turn = Sinks.empty();
                      turn.asMono().subscribe(null, null, completed::incrementAndGet);
                      signals.complete(List.of(turn));
                    }
                  });
      askers.add(asker);
    }

    start.countDown();
    for (Thread asker : askers) {
      asker.join();
    }

    assertThat(completed).hasValue(threads * perThread);
  }

  private static Sinks.Empty<Void> turn(List<String> events, String name) {
    Sinks.Empty<Void> turn = Sinks.empty();
    turn.asMono().subscribe(null, null, () -> events.add(name + " completed"));
    return turn;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
