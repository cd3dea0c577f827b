package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class RevocationsTest {

  @Test
  void aRecordHeldWhenItsPartitionIsGivenUpIsHandedOver() {
    Revocations revocations = new Revocations();
    BooleanSupplier onTwo = revocations.receivedNow(2);
    BooleanSupplier onThree = revocations.receivedNow(3);
    assertThat(onTwo.getAsBoolean()).isFalse();

    revocations.recordRevoked(List.of(2));

    assertThat(onTwo.getAsBoolean()).as("partition 2 went to another owner").isTrue();
    assertThat(onThree.getAsBoolean()).as("partition 3 stayed").isFalse();
  }

  @Test
  void aRecordReceivedAfterItsPartitionCameBackIsNotHandedOver() {
    Revocations revocations = new Revocations();
    BooleanSupplier before = revocations.receivedNow(1);
    revocations.recordRevoked(List.of(1));
    BooleanSupplier afterComingBack = revocations.receivedNow(1);

    assertThat(before.getAsBoolean()).isTrue();
    assertThat(afterComingBack.getAsBoolean()).isFalse();

    revocations.recordRevoked(List.of(0, 1)); // a second rebalance takes it again
    assertThat(afterComingBack.getAsBoolean()).isTrue();
  }

  @Test
  void aConsumerThatWaitsForItsRecordsNeverHandsOneOver() {
    BooleanSupplier held = Revocations.NONE.receivedNow(4);
    assertThat(held.getAsBoolean()).isFalse();
    assertThat(Revocations.NONE.receivedNow(5)).as("shared, not made per delivery").isSameAs(held);
  }
}
