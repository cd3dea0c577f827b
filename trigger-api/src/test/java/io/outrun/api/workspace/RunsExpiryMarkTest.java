package io.outrun.api.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunsExpiryMarkTest {

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Duration DEFAULT = Duration.ofDays(30);

  @Test
  void aLongerRetentionMarksTheOldCutoff() {
    assertThat(RunsExpiryMark.after(3, null, 60, DEFAULT, NOW))
        .isEqualTo(NOW.minus(Duration.ofDays(3)));
    assertThat(RunsExpiryMark.after(3, null, null, DEFAULT, NOW))
        .isEqualTo(NOW.minus(Duration.ofDays(3)));
  }

  @Test
  void aShorterOrEqualRetentionKeepsTheOldMark() {
    Instant mark = NOW.minus(Duration.ofDays(2));
    assertThat(RunsExpiryMark.after(null, null, 3, DEFAULT, NOW)).isNull();
    assertThat(RunsExpiryMark.after(10, mark, 5, DEFAULT, NOW)).isEqualTo(mark);
    assertThat(RunsExpiryMark.after(30, mark, null, DEFAULT, NOW)).isEqualTo(mark);
  }

  @Test
  void aLaterOldMarkWins() {
    Instant later = NOW.minus(Duration.ofDays(1));
    assertThat(RunsExpiryMark.after(3, later, 60, DEFAULT, NOW)).isEqualTo(later);
  }
}
