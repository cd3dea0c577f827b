package io.outrun.runner.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AdmissionTest {

  private final FairQueue fair = new FairQueue(1);
  private final WorkflowGate gate = new WorkflowGate();
  private final Admission admission = new Admission(gate, fair, workspace -> Mono.just(0));

  /**
   * A rebalance while a long line waits (a runner holds up to {@code max-in-flight} requests, most
   * of them waiting for a place): each run admitted finds its request handed over and frees its
   * place at once, which admits the next. Every one of them must be let go, and the places freed.
   */
  @Test
  void aRebalanceLetsGoOfALongWaitingLineAndFreesEveryPlace() {
    AtomicBoolean rebalanced = new AtomicBoolean();
    Admission.Ticket running = admission.enter("ws", "wf", rebalanced::get);
    AtomicBoolean runningAdmitted = new AtomicBoolean();
    running.admit(0).subscribe(null, null, () -> runningAdmitted.set(true));
    assertThat(runningAdmitted).isTrue();

    AtomicInteger handedOver = new AtomicInteger();
    AtomicInteger executed = new AtomicInteger();
    for (int i = 1; i < FairQueueTest.LONG_LINE; i++) {
      Mono.using(
              () -> admission.enter("ws", "wf", rebalanced::get),
              ticket -> ticket.admit(0),
              Admission.Ticket::close)
          .subscribe(
              null,
              error -> {
                if (error instanceof Admission.HandedOver) {
                  handedOver.incrementAndGet();
                }
              },
              executed::incrementAndGet);
    }
    assertThat(fair.waitingForRunner()).isEqualTo(FairQueueTest.LONG_LINE - 1);

    rebalanced.set(true);
    running.close();

    assertThat(handedOver).hasValue(FairQueueTest.LONG_LINE - 1);
    assertThat(executed).hasValue(0);
    assertThat(fair.running()).isZero();
    assertThat(fair.waitingForRunner()).isZero();
    assertThat(gate.workflows()).isZero();
  }
}
