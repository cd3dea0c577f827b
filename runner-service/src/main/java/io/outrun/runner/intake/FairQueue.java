package io.outrun.runner.intake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Admits runs to execution round-robin across workspaces: at most {@code maxRunning} runs of this
 * runner execute at once and at most a workspace's limit of one workspace ({@code 0}: no workspace
 * limit; the limit a workspace's latest run entered with counts). Each workspace has its own line,
 * in arrival order; when a place frees, the next workspace in turn that has a run waiting and is
 * under its limit goes, so a workspace that floods waits behind its own runs, never ahead of
 * another's: another workspace's run waits for at most one run of each busy workspace to be
 * admitted before it.
 *
 * <p>Plain and synchronous: no I/O, no time; a run's turn is a {@link Mono} that completes when it
 * is admitted.
 */
final class FairQueue {

  /** One workspace's runs: those waiting, in arrival order, and how many are running. */
  private static final class Lane {
    final String workspaceId;
    final Deque<Place> waiting = new ArrayDeque<>();
    int running;
    int limit;
    boolean inTurn;

    Lane(String workspaceId) {
      this.workspaceId = workspaceId;
    }
  }

  private final int maxRunning;
  private final TurnSignals signals = new TurnSignals();
  private final Map<String, Lane> lanes = new HashMap<>();
  private final Deque<Lane> turns = new ArrayDeque<>();
  private int running;
  private int waiting;
  private int waitingAtLimit;

  FairQueue(int maxRunning) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be at least 1");
    }
    this.maxRunning = maxRunning;
  }

  /**
   * Joins the workspace's line, at most {@code perWorkspace} of the workspace running ({@code 0}:
   * no limit); the place's {@link Place#turn()} completes when it may run.
   */
  Place enter(String workspaceId, int perWorkspace) {
    Place place;
    List<Sinks.Empty<Void>> admitted;
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(workspaceId, Lane::new);
      lane.limit = perWorkspace <= 0 ? Integer.MAX_VALUE : perWorkspace;
      place = new Place(lane);
      lane.waiting.addLast(place);
      waiting++;
      offerTurn(lane);
      admitted = dispatch();
    }
    signals.complete(admitted);
    return place;
  }

  /** Runs waiting while their workspace is at its own limit. */
  synchronized int waitingAtWorkspaceLimit() {
    recount();
    return waitingAtLimit;
  }

  /** Runs waiting for a place in this runner while their workspace is under its limit. */
  synchronized int waitingForRunner() {
    recount();
    return waiting - waitingAtLimit;
  }

  synchronized int running() {
    return running;
  }

  private void recount() {
    waitingAtLimit =
        lanes.values().stream()
            .filter(lane -> lane.running >= lane.limit)
            .mapToInt(lane -> lane.waiting.size())
            .sum();
  }

  private void offerTurn(Lane lane) {
    if (!lane.inTurn && !lane.waiting.isEmpty() && lane.running < lane.limit) {
      lane.inTurn = true;
      turns.addLast(lane);
    }
  }

  /**
   * Admits the first run of each workspace in turn while this runner has places; returns their
   * turns, for {@link #signals} to complete once the lock is released.
   */
  private List<Sinks.Empty<Void>> dispatch() {
    List<Sinks.Empty<Void>> admitted = new ArrayList<>();
    while (running < maxRunning && !turns.isEmpty()) {
      Lane lane = turns.pollFirst();
      lane.inTurn = false;
      Place place = lane.waiting.pollFirst();
      waiting--;
      lane.running++;
      running++;
      place.admitted = true;
      admitted.add(place.turn);
      offerTurn(lane);
    }
    return admitted;
  }

  /** One run's place: waiting, then running, until closed. */
  final class Place implements AutoCloseable {

    private final Lane lane;
    private final Sinks.Empty<Void> turn = Sinks.empty();
    private boolean admitted;
    private boolean closed;

    private Place(Lane lane) {
      this.lane = lane;
    }

    /** Completes when the run may execute. */
    Mono<Void> turn() {
      return turn.asMono();
    }

    /** Leaves the line, or frees the place the run held; the next workspace in turn may go. */
    @Override
    public void close() {
      List<Sinks.Empty<Void>> next;
      synchronized (FairQueue.this) {
        if (closed) {
          return;
        }
        closed = true;
        if (admitted) {
          lane.running--;
          running--;
        } else {
          lane.waiting.remove(this);
          waiting--;
        }
        if (lane.waiting.isEmpty() && lane.inTurn) {
          turns.remove(lane);
          lane.inTurn = false;
        }
        offerTurn(lane);
        if (lane.running == 0 && lane.waiting.isEmpty()) {
          lanes.remove(lane.workspaceId, lane);
        }
        next = dispatch();
      }
      signals.complete(next);
    }
  }
}
