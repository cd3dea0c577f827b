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
 * Admits the runs of each workflow in the order they arrived, at most the workflow's {@code
 * settings.concurrency} in progress at once; the others wait their turn. One workflow's queue never
 * holds up another's.
 *
 * <p>A run takes a {@link Ticket} when its request arrives, before anything else happens to it, so
 * that the order is the arrival order. Only then is its workflow loaded and its limit known: a
 * ticket is admitted once every earlier ticket of the workflow is admitted or gone and fewer than
 * its limit are in progress. Closing a ticket frees its place. Kafka gives one workflow's requests
 * to one runner (they share a partition), so a gate per runner caps the workflow across runners.
 */
final class WorkflowGate {

  /** Tickets of one workflow: those waiting, in arrival order, and how many are admitted. */
  private static final class Line {
    final String workflowId;
    final Deque<Ticket> waiting = new ArrayDeque<>();
    int admitted;

    Line(String workflowId) {
      this.workflowId = workflowId;
    }
  }

  private enum State {
    WAITING,
    ADMITTED,
    CLOSED
  }

  private final Map<String, Line> lines = new HashMap<>();
  private final TurnSignals signals = new TurnSignals();
  private int waitingTotal;

  /** A place in the workflow's line, taken when the run's request arrives. */
  synchronized Ticket enter(String workflowId) {
    Line line = lines.computeIfAbsent(workflowId, Line::new);
    Ticket ticket = new Ticket(line);
    line.waiting.addLast(ticket);
    waitingTotal++;
    return ticket;
  }

  /** Runs waiting for their turn, over all workflows. */
  synchronized int waiting() {
    return waitingTotal;
  }

  /** Workflows with runs waiting or in progress. */
  synchronized int workflows() {
    return lines.size();
  }

  /**
   * Admits the line's tickets, from the front, while their limits allow; returns their turns, for
   * {@link #signals} to complete once the lock is released.
   */
  private List<Sinks.Empty<Void>> admitFrom(Line line) {
    List<Sinks.Empty<Void>> admitted = new ArrayList<>();
    Ticket first = line.waiting.peekFirst();
    while (first != null && first.limit > 0 && line.admitted < first.limit) {
      line.waiting.removeFirst();
      waitingTotal--;
      line.admitted++;
      first.state = State.ADMITTED;
      admitted.add(first.turn);
      first = line.waiting.peekFirst();
    }
    return admitted;
  }

  /** One run's place in its workflow's line. */
  final class Ticket implements AutoCloseable {

    private final Line line;
    private final Sinks.Empty<Void> turn = Sinks.empty();
    private State state = State.WAITING;

    /** 0 until {@link #admit} gives the limit. */
    private int limit;

    private Ticket(Line line) {
      this.line = line;
    }

    /**
     * Completes when it is this run's turn: every earlier run of the workflow is admitted or gone,
     * and fewer than {@code concurrency} are in progress ({@code 0}: no limit). Calling it again
     * keeps the first limit.
     */
    Mono<Void> admit(int concurrency) {
      List<Sinks.Empty<Void>> admitted = List.of();
      synchronized (WorkflowGate.this) {
        if (state == State.WAITING && limit == 0) {
          limit = concurrency <= 0 ? Integer.MAX_VALUE : concurrency;
          admitted = admitFrom(line);
        }
      }
      signals.complete(admitted);
      return turn.asMono();
    }

    /** Leaves the line, or frees the place in progress; the next waiting run may go. */
    @Override
    public void close() {
      List<Sinks.Empty<Void>> admitted;
      synchronized (WorkflowGate.this) {
        switch (state) {
          case CLOSED -> {
            return;
          }
          case ADMITTED -> line.admitted--;
          case WAITING -> {
            line.waiting.remove(this);
            waitingTotal--;
          }
        }
        state = State.CLOSED;
        admitted = admitFrom(line);
        if (line.admitted == 0 && line.waiting.isEmpty()) {
          lines.remove(line.workflowId, line);
        }
      }
      signals.complete(admitted);
    }
  }
}
