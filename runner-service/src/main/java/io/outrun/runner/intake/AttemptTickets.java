package io.outrun.runner.intake;

import java.util.function.BooleanSupplier;

/**
 * The tickets of one request's attempts: the first is taken on arrival, so it keeps the arrival
 * order; a retry takes a new one then.
 */
final class AttemptTickets {

  private final Admission admission;
  private final String workspaceId;
  private final String workflowId;
  private final BooleanSupplier handedOver;
  private Admission.Ticket first;

  AttemptTickets(
      Admission admission, String workspaceId, String workflowId, BooleanSupplier handedOver) {
    this.admission = admission;
    this.workspaceId = workspaceId;
    this.workflowId = workflowId;
    this.handedOver = handedOver;
    this.first = admission.enter(workspaceId, workflowId, handedOver);
  }

  synchronized Admission.Ticket next() {
    Admission.Ticket ticket =
        first == null ? admission.enter(workspaceId, workflowId, handedOver) : first;
    first = null;
    return ticket;
  }

  /** The first ticket, if no attempt took it (the request was cancelled before). */
  synchronized void closeUnused() {
    if (first != null) {
      first.close();
      first = null;
    }
  }
}
