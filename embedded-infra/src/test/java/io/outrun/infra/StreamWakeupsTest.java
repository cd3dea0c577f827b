package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StreamWakeupsTest {

  private final StreamWakeups wakeups = new StreamWakeups();

  @Test
  void aWriteToAnotherCollectionDoesNotWakeAStream() {
    long seen = wakeups.writes("db.runs");

    wakeups.written("db.triggers");

    assertThat(wakeups.awaitWriteAfter("db.runs", seen, System.nanoTime())).isFalse();
  }

  @Test
  void aWriteToItsCollectionWakesAStream() {
    long seen = wakeups.writes("db.runs");

    wakeups.written("db.runs");

    assertThat(wakeups.awaitWriteAfter("db.runs", seen, System.nanoTime())).isTrue();
  }

  @Test
  void aDropWakesEveryStream() {
    long runs = wakeups.writes("db.runs");
    long triggers = wakeups.writes("db.triggers");

    wakeups.written(null);

    assertThat(wakeups.awaitWriteAfter("db.runs", runs, System.nanoTime())).isTrue();
    assertThat(wakeups.awaitWriteAfter("db.triggers", triggers, System.nanoTime())).isTrue();
  }

  @Test
  void aStreamOnNoSingleCollectionWakesAtAnyWrite() {
    long seen = wakeups.writes(null);

    wakeups.written("db.runs");

    assertThat(wakeups.awaitWriteAfter(null, seen, System.nanoTime())).isTrue();
  }

  @Test
  void aWaitingStreamWakesWhenAnotherThreadWrites() throws InterruptedException {
    long seen = wakeups.writes("db.runs");
    Thread writer = Thread.ofPlatform().start(() -> wakeups.written("db.runs"));

    boolean woken = wakeups.awaitWriteAfter("db.runs", seen, System.nanoTime() + 30_000_000_000L);

    writer.join();
    assertThat(woken).isTrue();
  }

  @Test
  void oneWriteWakesEveryStreamSleepingOnItsCollection() throws Exception {
    long seen = wakeups.writes("db.runs");
    long deadline = System.nanoTime() + 30_000_000_000L;
    try (ExecutorService sleepers = Executors.newFixedThreadPool(2)) {
      Future<Boolean> first =
          sleepers.submit(() -> wakeups.awaitWriteAfter("db.runs", seen, deadline));
      Future<Boolean> second =
          sleepers.submit(() -> wakeups.awaitWriteAfter("db.runs", seen, deadline));

      wakeups.written("db.runs");

      assertThat(first.get()).isTrue();
      assertThat(second.get()).isTrue();
    }
  }

  /** A write between a sleeper's look at the count and its sleep would be lost without a wake. */
  @Test
  void noWriteRacingASleeperIsMissed() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L; // a missed write would wait for it
    for (int i = 0; i < 2_000; i++) {
      long seen = wakeups.writes("db.runs");
      Thread writer = Thread.ofPlatform().start(() -> wakeups.written("db.runs"));

      assertThat(wakeups.awaitWriteAfter("db.runs", seen, deadline)).isTrue();
      writer.join();
    }
    assertThat(System.nanoTime()).as("every wait ended with its write").isLessThan(deadline);
  }
}
