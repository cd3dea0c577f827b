package io.outrun.cron;

import static io.outrun.cron.CronTestSupport.firesOnLocalDay;
import static io.outrun.cron.CronTestSupport.instants;
import static io.outrun.cron.CronTestSupport.next;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Berlin: 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
 */
class BerlinDaylightSavingTest {

  private static final String ZONE = "Europe/Berlin";

  @Test
  void fixedTimeInTheGapFiresOnceAtTheEndOfTheGap() {
    assertThat(next("30 2 * * *", "2026-03-28T12:00:00Z", ZONE, 2))
        .isEqualTo(instants("2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
  }

  @Test
  void fixedTimeRepeatedByFallBackFiresOnceAtTheFirstOccurrence() {
    assertThat(next("30 2 * * *", "2026-10-24T12:00:00Z", ZONE, 2))
        .isEqualTo(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
  }

  @Test
  void hourlyFiresEveryRealHourOnBothDays() {
    assertThat(firesOnLocalDay("0 * * * *", ZONE, "2026-03-29"))
        .hasSize(23)
        .containsSubsequence(instants("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"));
    assertThat(firesOnLocalDay("0 * * * *", ZONE, "2026-10-25"))
        .hasSize(25)
        .containsSubsequence(instants("2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z"));
  }

  @Test
  void halfHourlyFiresEveryRealHalfHourOnBothDays() {
    assertThat(firesOnLocalDay("*/30 * * * *", ZONE, "2026-03-29")).hasSize(46);
    assertThat(firesOnLocalDay("*/30 * * * *", ZONE, "2026-10-25")).hasSize(50);
  }
}
