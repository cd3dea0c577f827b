package io.outrun.runner.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.intake.WorkflowGate.Ticket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class WorkflowGateTest {

  private final WorkflowGate gate = new WorkflowGate();

  @Test
  void withConcurrencyOneTheNextRunWaitsUntilTheRunInProgressEnds() {
    Ticket first = gate.enter("wf");
    Ticket second = gate.enter("wf");

    assertThat(admitted(first.admit(1))).isTrue();
    AtomicBoolean secondAdmitted = watch(second.admit(1));
    assertThat(secondAdmitted).isFalse();
    assertThat(gate.waiting()).isEqualTo(1);

    first.close();

    assertThat(secondAdmitted).isTrue();
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void runsAreAdmittedInArrivalOrderEvenWhenALaterOneIsReadyFirst() {
    Ticket first = gate.enter("wf");
    Ticket second = gate.enter("wf");
    Ticket third = gate.enter("wf");
    assertThat(admitted(first.admit(1))).isTrue();

    AtomicBoolean thirdAdmitted = watch(third.admit(1));
    first.close();
    assertThat(thirdAdmitted).as("the second run still loads its workflow").isFalse();

    AtomicBoolean secondAdmitted = watch(second.admit(1));
    assertThat(secondAdmitted).isTrue();
    assertThat(thirdAdmitted).isFalse();

    second.close();
    assertThat(thirdAdmitted).isTrue();
  }

  @Test
  void theLimitCountsRunsInProgress() {
    Ticket a = gate.enter("wf");
    Ticket b = gate.enter("wf");
    Ticket c = gate.enter("wf");

    assertThat(admitted(a.admit(2))).isTrue();
    assertThat(admitted(b.admit(2))).isTrue();
    AtomicBoolean cAdmitted = watch(c.admit(2));
    assertThat(cAdmitted).isFalse();

    b.close();
    assertThat(cAdmitted).isTrue();
  }

  @Test
  void oneWorkflowsQueueDoesNotHoldUpAnother() {
    Ticket busy = gate.enter("slow");
    Ticket waiting = gate.enter("slow");
    Ticket other = gate.enter("fast");
    assertThat(admitted(busy.admit(1))).isTrue();
    assertThat(watch(waiting.admit(1))).isFalse();

    assertThat(admitted(other.admit(1))).isTrue();
  }

  @Test
  void withoutALimitEveryRunIsAdmitted() {
    Ticket a = gate.enter("wf");
    Ticket b = gate.enter("wf");

    assertThat(admitted(a.admit(0))).isTrue();
    assertThat(admitted(b.admit(0))).isTrue();
  }

  @Test
  void aRunThatLeavesTheLineLetsTheNextOneGoAndEmptyLinesAreForgotten() {
    Ticket first = gate.enter("wf");
    Ticket second = gate.enter("wf");
    Ticket third = gate.enter("wf");
    assertThat(admitted(first.admit(1))).isTrue();
    AtomicBoolean thirdAdmitted = watch(third.admit(1));

    second.close();
    assertThat(thirdAdmitted).isFalse();
    first.close();
    assertThat(thirdAdmitted).isTrue();
    third.close();
    third.close();

    assertThat(gate.waiting()).isZero();
    assertThat(gate.workflows()).isZero();
  }

  @Test
  void admittingAgainKeepsThePlace() {
    Ticket first = gate.enter("wf");
    Ticket second = gate.enter("wf");
    assertThat(admitted(first.admit(1))).isTrue();
    assertThat(admitted(first.admit(1))).as("a retry of the same run").isTrue();

    assertThat(watch(second.admit(1))).isFalse();
  }

  @Test
  void aLongLineOfRunsThatEndAtTheirTurnIsAdmittedWithoutOverflowingTheStack() {
    Ticket first = gate.enter("wf");
    assertThat(admitted(first.admit(1))).isTrue();
    AtomicInteger ended = new AtomicInteger();
    for (int i = 1; i < FairQueueTest.LONG_LINE; i++) {
      Ticket ticket = gate.enter("wf");
      ticket
          .admit(1)
          .subscribe(
              null,
              null,
              () -> {
                ended.incrementAndGet();
                ticket.close();
              });
    }

    first.close();

    assertThat(ended).hasValue(FairQueueTest.LONG_LINE - 1);
    assertThat(gate.waiting()).isZero();
    assertThat(gate.workflows()).isZero();
  }

  private static boolean admitted(Mono<Void> turn) {
    return watch(turn).get();
  }

  private static AtomicBoolean watch(Mono<Void> turn) {
    AtomicBoolean done = new AtomicBoolean();
    turn.subscribe(null, null, () -> done.set(true));
    return done;
  }
}
