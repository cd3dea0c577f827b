package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

class GroupCommitTest {

  private static final Duration LINGER = Duration.ofMillis(5);

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final List<List<Integer>> flushed = new CopyOnWriteArrayList<>();
  private final List<Sinks.Empty<Void>> flushes = new CopyOnWriteArrayList<>();

  private GroupCommit<Integer> commit(int maxBatch) {
    return new GroupCommit<>(
        maxBatch,
        LINGER,
        time,
        batch -> {
          flushed.add(batch);
          Sinks.Empty<Void> done = Sinks.empty();
          flushes.add(done);
          return done.asMono();
        });
  }

  @Test
  void aLoneItemIsFlushedAtOnce() {
    commit(10).add(1);

    assertThat(flushed).containsExactly(List.of(1));
  }

  @Test
  void itemsArrivingDuringAFlushGoTogetherInTheNextOnceItEnds() {
    GroupCommit<Integer> commit = commit(10);
    commit.add(1);
    commit.add(2);
    commit.add(3);
    time.advanceTimeBy(LINGER.multipliedBy(3));
    assertThat(flushed).containsExactly(List.of(1));

    flushes.getFirst().tryEmitEmpty();

    assertThat(flushed).containsExactly(List.of(1), List.of(2, 3));
  }

  @Test
  void flushesStartAtMostOncePerLinger() {
    GroupCommit<Integer> commit = commit(10);
    commit.add(1);
    flushes.getFirst().tryEmitEmpty();
    commit.add(2);
    assertThat(flushed).containsExactly(List.of(1));

    time.advanceTimeBy(LINGER);

    assertThat(flushed).containsExactly(List.of(1), List.of(2));
  }

  @Test
  void aBatchHoldsAtMostMaxBatchItemsAndAFullOneGoesAtOnce() {
    GroupCommit<Integer> commit = commit(2);
    commit.add(1);
    flushes.getFirst().tryEmitEmpty();
    commit.add(2);
    commit.add(3);
    commit.add(4);
    assertThat(flushed).containsExactly(List.of(1), List.of(2, 3));

    flushes.get(1).tryEmitEmpty();
    time.advanceTimeBy(LINGER);

    assertThat(flushed).containsExactly(List.of(1), List.of(2, 3), List.of(4));
  }

  @Test
  void aFailedFlushDoesNotStopTheNext() {
    GroupCommit<Integer> commit = commit(10);
    commit.add(1);
    commit.add(2);
    flushes.getFirst().tryEmitError(new IllegalStateException("lost"));
    time.advanceTimeBy(LINGER);

    assertThat(flushed).containsExactly(List.of(1), List.of(2));
  }
}
