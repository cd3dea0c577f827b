package io.outrun.runner.intake;

/**
 * The tickets of one request's attempts: the first is taken on arrival, so it keeps the arrival
 * order; a retry takes a new one then.
 */
final class AttemptTickets {

  private final Admission admission;
  private final String workspaceId;
  private final String workflowId;
  private Admission.Ticket first;

  AttemptTickets(Admission admission, String workspaceId, String workflowId) {
    this.admission = admission;
    this.workspaceId = workspaceId;
    this.workflowId = workflowId;
    this.first = admission.enter(workspaceId, workflowId);
  }

  synchronized Admission.Ticket next() {
    Admission.Ticket ticket = first == null ? admission.enter(workspaceId, workflowId) : first;
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
