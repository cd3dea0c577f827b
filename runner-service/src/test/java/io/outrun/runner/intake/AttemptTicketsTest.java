package io.outrun.runner.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.intake.Admission.Ticket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AttemptTicketsTest {

  private final WorkflowGate gate = new WorkflowGate();
  private final Admission admission =
      new Admission(gate, new FairQueue(100), workspace -> Mono.just(0));

  @Test
  void theFirstAttemptKeepsTheArrivalOrder() {
    AttemptTickets first = new AttemptTickets(admission, "ws", "wf");
    AttemptTickets second = new AttemptTickets(admission, "ws", "wf");

    AtomicBoolean secondAdmitted = watch(second.next());
    assertThat(secondAdmitted).as("the earlier request is still ahead").isFalse();
    assertThat(watch(first.next())).isTrue();
  }

  @Test
  void aFailedAttemptGivesItsPlaceUpAndItsRetryQueuesAtTheBack() {
    AttemptTickets failing = new AttemptTickets(admission, "ws", "wf");
    AttemptTickets next = new AttemptTickets(admission, "ws", "wf");
    Ticket firstAttempt = failing.next();
    assertThat(watch(firstAttempt)).isTrue();
    AtomicBoolean nextAdmitted = watch(next.next());
    assertThat(nextAdmitted).isFalse();

    firstAttempt.close();

    assertThat(nextAdmitted).as("one failed attempt holds the workflow no longer").isTrue();
    assertThat(watch(failing.next())).as("the retry waits behind the run in progress").isFalse();
  }

  @Test
  void aRequestCancelledBeforeItsFirstAttemptLeavesTheLine() {
    AttemptTickets cancelled = new AttemptTickets(admission, "ws", "wf");
    AttemptTickets next = new AttemptTickets(admission, "ws", "wf");
    AtomicBoolean nextAdmitted = watch(next.next());

    cancelled.closeUnused();

    assertThat(nextAdmitted).isTrue();
    assertThat(gate.waiting()).isZero();
  }

  /** Asks for a turn with concurrency 1; true once admitted. */
  private static AtomicBoolean watch(Ticket ticket) {
    AtomicBoolean admitted = new AtomicBoolean();
    ticket.admit(1).subscribe(null, null, () -> admitted.set(true));
    return admitted;
  }
}
