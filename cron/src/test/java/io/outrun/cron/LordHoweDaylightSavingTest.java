package io.outrun.cron;

import static io.outrun.cron.CronTestSupport.firesOnLocalDay;
import static io.outrun.cron.CronTestSupport.instants;
import static io.outrun.cron.CronTestSupport.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lord Howe Island shifts by 30 minutes: +11:00 in summer, +10:30 in winter. */
class LordHoweDaylightSavingTest {

  private static final String ZONE = "Australia/Lord_Howe";

  @BeforeAll
  static void transitionsAreTheOnesAssumedHere() {
    assertTransition(
        "2026-01-01T00:00:00Z", "2026-04-04T15:00:00Z", "2026-04-05T02:00", "2026-04-05T01:30");
    assertTransition(
        "2026-06-01T00:00:00Z", "2026-10-03T15:30:00Z", "2026-10-04T02:00", "2026-10-04T02:30");
  }

  @Test
  void fixedTimeInTheHalfHourGapFiresAtTheEndOfTheGap() {
    assertThat(next("15 2 * * *", "2026-10-02T12:00:00Z", ZONE, 3))
        .isEqualTo(
            instants(
                "2026-10-02T15:45:00Z", // 02:15 +10:30
                "2026-10-03T15:30:00Z", // gap: 02:30 +11:00
                "2026-10-04T15:15:00Z")); // 02:15 +11:00
  }

  @Test
  void fixedTimeRepeatedByHalfHourFallBackFiresOnce() {
    assertThat(next("45 1 * * *", "2026-04-03T12:00:00Z", ZONE, 3))
        .isEqualTo(
            instants(
                "2026-04-03T14:45:00Z", // 01:45 +11:00
                "2026-04-04T14:45:00Z", // first 01:45 (+11:00); the +10:30 one is skipped
                "2026-04-05T15:15:00Z")); // 01:45 +10:30
  }

  @Test
  void elapsedTimeSchedulesSkipGapTimesAndRepeatOverlapTimes() {
    assertThat(firesOnLocalDay("0 * * * *", ZONE, "2026-10-04")).hasSize(23);
    assertThat(firesOnLocalDay("*/30 * * * *", ZONE, "2026-10-04")).hasSize(47);
    assertThat(firesOnLocalDay("0 * * * *", ZONE, "2026-04-05")).hasSize(24);
    assertThat(firesOnLocalDay("*/30 * * * *", ZONE, "2026-04-05"))
        .hasSize(49)
        .containsSubsequence(
            instants("2026-04-04T14:30:00Z", "2026-04-04T15:00:00Z", "2026-04-04T15:30:00Z"));
  }

  private static void assertTransition(
      String searchFrom, String instant, String localBefore, String localAfter) {
    ZoneOffsetTransition transition =
        ZoneId.of(ZONE).getRules().nextTransition(Instant.parse(searchFrom));
    assertThat(transition.getInstant()).isEqualTo(Instant.parse(instant));
    assertThat(transition.getDateTimeBefore()).isEqualTo(LocalDateTime.parse(localBefore));
    assertThat(transition.getDateTimeAfter()).isEqualTo(LocalDateTime.parse(localAfter));
  }
}
