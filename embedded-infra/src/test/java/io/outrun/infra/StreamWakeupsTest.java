package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

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
}
