package io.outrun.runner.intake;

/**
 * The tickets of one request's attempts: the first is taken on arrival, so it keeps the arrival
 * order; a retry takes a new one then.
 */
final class AttemptTickets {

  private final WorkflowGate gate;
  private final String workflowId;
  private WorkflowGate.Ticket first;

  AttemptTickets(WorkflowGate gate, String workflowId) {
    this.gate = gate;
    this.workflowId = workflowId;
    this.first = gate.enter(workflowId);
  }

  synchronized WorkflowGate.Ticket next() {
    WorkflowGate.Ticket ticket = first == null ? gate.enter(workflowId) : first;
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
