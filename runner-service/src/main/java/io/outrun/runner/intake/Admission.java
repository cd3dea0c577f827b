package io.outrun.runner.intake;

import io.outrun.bus.Delivery;
import io.outrun.service.quota.WorkspaceQuotas;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The two waits a run passes before it executes: its workflow's line ({@link WorkflowGate}, arrival
 * order within {@code settings.concurrency}), then its workspace's line in the runner's {@link
 * FairQueue} (round-robin across workspaces, within the workspace's concurrent-runs quota and the
 * runner's {@code max-running}). A workspace's concurrent-runs quota is its own {@code
 * quotas.concurrentRuns} where it has one ({@link WorkspaceQuotas}, read at most every 30 s), else
 * {@code outrun.quotas.concurrent-runs}.
 */
final class Admission {

  private final WorkflowGate gate;
  private final FairQueue fair;
  private final Function<String, Mono<Integer>> concurrentRuns;

  /**
   * @param concurrentRuns a workspace's concurrent-runs quota ({@code 0}: none)
   */
  Admission(WorkflowGate gate, FairQueue fair, Function<String, Mono<Integer>> concurrentRuns) {
    this.gate = gate;
    this.fair = fair;
    this.concurrentRuns = concurrentRuns;
  }

  /**
   * A workspace's concurrent-runs quota: its override, else {@code concurrentRuns} (also when the
   * override cannot be read).
   */
  static Function<String, Mono<Integer>> concurrentRuns(
      WorkspaceQuotas quotas, int concurrentRuns) {
    return workspaceId ->
        quotas
            .cached(workspaceId)
            .mapNotNull(WorkspaceQuotas.Overrides::concurrentRuns)
            .onErrorResume(e -> Mono.empty())
            .defaultIfEmpty(concurrentRuns);
  }

  /**
   * A place in the workflow's line, taken when the run's request arrives; {@code handedOver} tells
   * whether the request went to another runner meanwhile ({@link Delivery#handedOver()}).
   */
  Ticket enter(String workspaceId, String workflowId, BooleanSupplier handedOver) {
    return new Ticket(workspaceId, gate.enter(workflowId), handedOver);
  }

  /** One run's way to execution; closing it frees whatever place it holds. */
  final class Ticket implements AutoCloseable {

    private final String workspaceId;
    private final WorkflowGate.Ticket workflowTicket;
    private final BooleanSupplier handedOver;
    private FairQueue.Place place;
    private boolean closed;

    private Ticket(
        String workspaceId, WorkflowGate.Ticket workflowTicket, BooleanSupplier handedOver) {
      this.workspaceId = workspaceId;
      this.workflowTicket = workflowTicket;
      this.handedOver = handedOver;
    }

    /**
     * Completes when the run may execute: its workflow's turn has come ({@code concurrency}: the
     * workflow's limit, {@code 0} for none), then its workspace's. Fails with {@link HandedOver}
     * instead if, by then, the request has gone to another runner at a rebalance: that runner
     * executes it, and this one would only wait for it.
     */
    Mono<Void> admit(int concurrency) {
      return workflowTicket
          .admit(concurrency)
          .then(Mono.defer(this::takeFairTurn))
          .then(
              Mono.defer(
                  () -> handedOver.getAsBoolean() ? Mono.error(new HandedOver()) : Mono.empty()));
    }

    private Mono<Void> takeFairTurn() {
      synchronized (this) {
        if (place != null) {
          return place.turn(); // admitted once already: a stored request's second look
        }
      }
      return concurrentRuns.apply(workspaceId).flatMap(this::takeFairTurn);
    }

    private Mono<Void> takeFairTurn(int perWorkspace) {
      FairQueue.Place entered = fair.enter(workspaceId, perWorkspace);
      boolean kept;
      synchronized (this) {
        kept = !closed && place == null;
        if (kept) {
          place = entered;
        }
      }
      if (!kept) {
        entered.close();
        return Mono.empty();
      }
      return entered.turn();
    }

    @Override
    public void close() {
      FairQueue.Place held;
      synchronized (this) {
        closed = true;
        held = place;
      }
      if (held != null) {
        held.close();
      }
      workflowTicket.close();
    }
  }

  /**
   * A request let go before it executed: its partition went to another runner (or back to this one,
   * as a new delivery) at a rebalance, and the new owner has it from the last committed offset. It
   * is not acknowledged: the acknowledgement would be dropped anyway.
   */
  static final class HandedOver extends RuntimeException {
    HandedOver() {
      super("the request's partition went to another consumer at a rebalance", null, false, false);
    }
  }
}
