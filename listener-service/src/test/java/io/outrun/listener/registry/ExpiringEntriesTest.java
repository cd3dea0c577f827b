package io.outrun.listener.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiringEntriesTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void anEntryIsForgottenOnceItsTimeIsUp() {
    ExpiringEntries<String> entries = new ExpiringEntries<>(10, Duration.ofSeconds(2));
    entries.put("a", "x", T0);

    assertThat(entries.get("a", T0.plusMillis(1999))).contains("x");
    assertThat(entries.get("a", T0.plusSeconds(2))).isEmpty();
  }

  @Test
  void neverHoldsMoreThanItsBound() {
    ExpiringEntries<String> entries = new ExpiringEntries<>(2, Duration.ofSeconds(2));
    entries.put("a", "x", T0);
    entries.put("b", "x", T0);

    entries.put("c", "x", T0.plusSeconds(1));
    assertThat(entries.size()).isEqualTo(2);
    assertThat(entries.get("c", T0.plusSeconds(1))).isEmpty();

    entries.put("c", "x", T0.plusSeconds(2)); // a and b have expired: room again
    assertThat(entries.get("c", T0.plusSeconds(2))).contains("x");
    assertThat(entries.size()).isEqualTo(1);
  }

  @Test
  void aBoundOfZeroKeepsNothing() {
    ExpiringEntries<String> entries = new ExpiringEntries<>(0, Duration.ofSeconds(2));
    entries.put("a", "x", T0);

    assertThat(entries.get("a", T0)).isEmpty();
  }
}
