package io.outrun.runner.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.intake.Admission.Ticket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AttemptTicketsTest {

  private final WorkflowGate gate = new WorkflowGate();
  private final Admission admission =
      new Admission(gate, new FairQueue(100), workspace -> Mono.just(0));

  @Test
  void theFirstAttemptKeepsTheArrivalOrder() {
    AttemptTickets first = new AttemptTickets(admission, "ws", "wf", () -> false);
    AttemptTickets second = new AttemptTickets(admission, "ws", "wf", () -> false);

    AtomicBoolean secondAdmitted = watch(second.next());
    assertThat(secondAdmitted).as("the earlier request is still ahead").isFalse();
    assertThat(watch(first.next())).isTrue();
  }

  @Test
  void aFailedAttemptGivesItsPlaceUpAndItsRetryQueuesAtTheBack() {
    AttemptTickets failing = new AttemptTickets(admission, "ws", "wf", () -> false);
    AttemptTickets next = new AttemptTickets(admission, "ws", "wf", () -> false);
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
    AttemptTickets cancelled = new AttemptTickets(admission, "ws", "wf", () -> false);
    AttemptTickets next = new AttemptTickets(admission, "ws", "wf", () -> false);
    AtomicBoolean nextAdmitted = watch(next.next());

    cancelled.closeUnused();

    assertThat(nextAdmitted).isTrue();
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void aRequestHandedOverWhileWaitingIsNotAdmittedAndFreesItsPlace() {
    AttemptTickets running = new AttemptTickets(admission, "ws", "wf", () -> false);
    AtomicBoolean handedOver = new AtomicBoolean();
    AttemptTickets waiting = new AttemptTickets(admission, "ws", "wf", handedOver::get);
    AttemptTickets next = new AttemptTickets(admission, "ws", "wf", () -> false);
    Ticket runningTicket = running.next();
    assertThat(watch(runningTicket)).isTrue();
    Ticket waitingTicket = waiting.next();
    AtomicReference<Throwable> refused = new AtomicReference<>();
    waitingTicket.admit(1).subscribe(null, refused::set);
    AtomicBoolean nextAdmitted = watch(next.next());

    handedOver.set(true); // a rebalance gave the request's partition to another runner
    runningTicket.close();

    assertThat(refused.get()).isInstanceOf(Admission.HandedOver.class);
    assertThat(nextAdmitted).as("still behind the handed-over request").isFalse();
    waitingTicket.close(); // as the handler's Mono.using does on the error
    assertThat(nextAdmitted).isTrue();
  }

  /** Asks for a turn with concurrency 1; true once admitted. */
  private static AtomicBoolean watch(Ticket ticket) {
    AtomicBoolean admitted = new AtomicBoolean();
    ticket.admit(1).subscribe(null, null, () -> admitted.set(true));
    return admitted;
  }
}
