package io.outrun.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamPermitsTest {

  @Test
  void workspaceOverItsLimitIsRefusedWhileOthersAreNot() {
    StreamPermits permits = new StreamPermits(10, 2);

    assertThat(permits.acquire("ws-1")).isPresent();
    assertThat(permits.acquire("ws-1")).isPresent();

    assertThat(permits.acquire("ws-1")).isEmpty();
    assertThat(permits.acquire("ws-2")).isPresent();
    assertThat(permits.open()).isEqualTo(3);
  }

  @Test
  void instanceOverItsLimitRefusesEveryWorkspace() {
    StreamPermits permits = new StreamPermits(2, 2);
    permits.acquire("ws-1");
    permits.acquire("ws-2");

    assertThat(permits.acquire("ws-3")).isEmpty();
    assertThat(permits.open("ws-3")).isZero();
    assertThat(permits.open()).isEqualTo(2);
  }

  @Test
  void releasedPermitFreesItsPlaceOnceHoweverOftenReleased() {
    StreamPermits permits = new StreamPermits(10, 1);
    Optional<StreamPermits.Permit> first = permits.acquire("ws-1");

    first.orElseThrow().release();
    first.orElseThrow().release();

    assertThat(permits.open("ws-1")).isZero();
    assertThat(permits.open()).isZero();
    assertThat(permits.acquire("ws-1")).isPresent();
    assertThat(permits.acquire("ws-1")).isEmpty();
  }
}
