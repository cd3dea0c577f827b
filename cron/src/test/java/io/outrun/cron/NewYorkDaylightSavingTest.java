package io.outrun.cron;

import static io.outrun.cron.CronTestSupport.firesOnLocalDay;
import static io.outrun.cron.CronTestSupport.instants;
import static io.outrun.cron.CronTestSupport.next;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * New York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).
 */
class NewYorkDaylightSavingTest {

  private static final String ZONE = "America/New_York";

  @Test
  void fixedTimeInTheGapFiresOnceAtTheEndOfTheGap() {
    assertThat(next("30 2 * * *", "2026-03-07T12:00:00Z", ZONE, 3))
        .isEqualTo(
            instants("2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"));
  }

  @Test
  void fixedTimeAtTheStartOfTheGapFiresAtTheEndOfTheGap() {
    assertThat(next("0 2 * * *", "2026-03-07T12:00:00Z", ZONE, 2))
        .isEqualTo(instants("2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"));
  }

  @Test
  void severalFixedTimesInTheGapFireOnce() {
    assertThat(firesOnLocalDay("15,45 2 * * *", ZONE, "2026-03-08"))
        .isEqualTo(instants("2026-03-08T07:00:00Z"));
    assertThat(firesOnLocalDay("15,45 2 * * *", ZONE, "2026-03-09"))
        .isEqualTo(instants("2026-03-09T06:15:00Z", "2026-03-09T06:45:00Z"));
  }

  @Test
  void gapTimeAndTheFirstRealTimeAfterTheGapFireOnce() {
    assertThat(firesOnLocalDay("0 2,3 * * *", ZONE, "2026-03-08"))
        .isEqualTo(instants("2026-03-08T07:00:00Z"));
  }

  @Test
  void fixedTimeRepeatedByFallBackFiresOnceAtTheFirstOccurrence() {
    assertThat(next("30 1 * * *", "2026-10-31T12:00:00Z", ZONE, 2))
        .isEqualTo(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
  }

  @Test
  void everyMinuteOfAFixedRepeatedHourFiresOnlyInTheFirstOccurrence() {
    assertThat(firesOnLocalDay("* 1 * * *", ZONE, "2026-11-01"))
        .hasSize(60)
        .startsWith(Instant.parse("2026-11-01T05:00:00Z"))
        .endsWith(Instant.parse("2026-11-01T05:59:00Z"));
  }

  @Test
  void hourlyFollowsElapsedTimeOnSpringForwardDay() {
    assertThat(firesOnLocalDay("0 * * * *", ZONE, "2026-03-08"))
        .hasSize(23)
        .containsSubsequence(instants("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"))
        .doesNotHaveDuplicates();
  }

  @Test
  void hourlyFiresAtBothOccurrencesOfTheRepeatedHour() {
    assertThat(firesOnLocalDay("0 * * * *", ZONE, "2026-11-01"))
        .hasSize(25)
        .containsSubsequence(
            instants("2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z"));
  }

  @Test
  void halfHourlyFollowsElapsedTimeOnBothDays() {
    assertThat(firesOnLocalDay("*/30 * * * *", ZONE, "2026-03-08")).hasSize(46);
    assertThat(firesOnLocalDay("*/30 * * * *", ZONE, "2026-11-01"))
        .hasSize(50)
        .containsSubsequence(
            instants(
                "2026-11-01T05:00:00Z",
                "2026-11-01T05:30:00Z",
                "2026-11-01T06:00:00Z",
                "2026-11-01T06:30:00Z",
                "2026-11-01T07:00:00Z"));
  }

  @Test
  void steppedHourFollowsElapsedTimeAndSkipsTheGap() {
    // 0-23/2 selects 02:00, which does not exist on spring-forward day.
    assertThat(firesOnLocalDay("0 0-23/2 * * *", ZONE, "2026-03-08"))
        .hasSize(11)
        .doesNotContain(Instant.parse("2026-03-08T07:00:00Z"));
  }
}
