package io.outrun.runner.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FairQueueTest {

  /** Far more runs than a thread's stack has room for, admitted one inside another. */
  static final int LONG_LINE = 100_000;

  private final List<String> started = new ArrayList<>();
  private final Map<String, FairQueue.Place> byRun = new HashMap<>();
  private final Set<String> closed = new HashSet<>();
  private int perWorkspace;

  @Test
  void aWorkspaceThatFloodsWaitsBehindItsOwnRunsNotAheadOfAnothers() {
    FairQueue queue = new FairQueue(2);
    List<FairQueue.Place> flood = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      flood.add(enter(queue, "a", "a" + i));
    }
    enter(queue, "b", "b0");
    enter(queue, "b", "b1");

    flood.get(0).close();
    flood.get(1).close();
    flood.get(2).close();
    flood.get(3).close();

    assertThat(started)
        .as("b waits for at most one of a's runs per turn")
        .containsExactly("a0", "a1", "a2", "b0", "a3", "b1");
  }

  @Test
  void bsFiveRunsAllStartBeforeAsFiftiethWhileAFloodsTwoHundred() {
    FairQueue queue = new FairQueue(4);
    for (int i = 0; i < 200; i++) {
      enter(queue, "a", "a" + i);
    }
    for (int i = 0; i < 5; i++) {
      enter(queue, "b", "b" + i);
    }

    while (started.size() < 205) {
      String oldestRunning =
          started.stream().filter(run -> !closed.contains(run)).findFirst().orElseThrow();
      closed.add(oldestRunning);
      byRun.get(oldestRunning).close();
    }

    assertThat(started.indexOf("b4"))
        .as("b's last run starts before a's fiftieth")
        .isLessThan(started.indexOf("a49"));
    assertThat(started.indexOf("b4")).as("one of a's runs per b's run").isLessThanOrEqualTo(14);
  }

  @Test
  void aWorkspaceAtItsQuotaLeavesThePlacesToOthers() {
    FairQueue queue = new FairQueue(10);
    perWorkspace = 2;
    FairQueue.Place first = enter(queue, "a", "a0");
    enter(queue, "a", "a1");
    enter(queue, "a", "a2");
    enter(queue, "b", "b0");

    assertThat(started).containsExactly("a0", "a1", "b0");
    assertThat(queue.waitingAtWorkspaceLimit()).isEqualTo(1);
    assertThat(queue.waitingForRunner()).isZero();

    first.close();

    assertThat(started).containsExactly("a0", "a1", "b0", "a2");
    assertThat(queue.running()).isEqualTo(3);
  }

  @Test
  void aRunThatLeavesTheLineBeforeItsTurnNeverStartsAndHoldsNothing() {
    FairQueue queue = new FairQueue(1);
    FairQueue.Place running = enter(queue, "a", "a0");
    FairQueue.Place leaving = enter(queue, "b", "b0");
    enter(queue, "c", "c0");

    leaving.close();
    running.close();

    assertThat(started).containsExactly("a0", "c0");
    assertThat(queue.waitingForRunner()).isZero();
    assertThat(queue.running()).isEqualTo(1);
  }

  @Test
  void closingTwiceFreesOnePlace() {
    FairQueue queue = new FairQueue(1);
    FairQueue.Place first = enter(queue, "a", "a0");
    enter(queue, "a", "a1");
    enter(queue, "a", "a2");

    first.close();
    first.close();

    assertThat(started).containsExactly("a0", "a1");
  }

  @Test
  void everyWorkspaceGetsATurnBeforeAnyGetsASecond() {
    FairQueue queue = new FairQueue(1);
    FairQueue.Place blocker = enter(queue, "x", "x0");
    for (String run : List.of("a0", "a1", "a2", "b0", "b1", "c0")) {
      enter(queue, run.substring(0, 1), run);
    }

    blocker.close();
    for (int i = 0; i < 5; i++) {
      byRun.get(started.getLast()).close();
    }

    assertThat(started).containsExactly("x0", "a0", "b0", "c0", "a1", "b1", "a2");
  }

  @Test
  void eachWorkspaceIsHeldToItsOwnLimit() {
    FairQueue queue = new FairQueue(10);
    for (int i = 0; i < 3; i++) {
      byRun.put("a" + i, queue.enter("a", 1));
      byRun.put("b" + i, queue.enter("b", 2));
    }
    byRun.forEach((run, place) -> place.turn().subscribe(null, null, () -> started.add(run)));

    assertThat(started).containsExactlyInAnyOrder("a0", "b0", "b1");
    assertThat(queue.waitingAtWorkspaceLimit()).isEqualTo(3);
  }

  @Test
  void aLongLineOfRunsThatEndAtTheirTurnIsAdmittedWithoutOverflowingTheStack() {
    FairQueue queue = new FairQueue(1);
    FairQueue.Place first = enter(queue, "a", "a0");
    for (int i = 1; i < LONG_LINE; i++) {
      String run = "a" + i;
      FairQueue.Place place = queue.enter("a", 0);
      place
          .turn()
          .subscribe(
              null,
              null,
              () -> {
                started.add(run);
                place.close(); // as a request handed over at a rebalance does
              });
    }

    first.close();

    assertThat(started).hasSize(LONG_LINE);
    assertThat(started.getLast()).isEqualTo("a" + (LONG_LINE - 1));
    assertThat(queue.running()).isZero();
    assertThat(queue.waitingForRunner()).isZero();
  }

  private FairQueue.Place enter(FairQueue queue, String workspace, String run) {
    FairQueue.Place place = queue.enter(workspace, perWorkspace);
    byRun.put(run, place);
    place.turn().subscribe(null, null, () -> started.add(run));
    return place;
  }
}
