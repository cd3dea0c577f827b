package io.outrun.cron;

import static io.outrun.cron.CronTestSupport.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Properties of the sequence of fire times, across a year of DST transitions. */
class CronScheduleSequenceTest {

  private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/30 * * * * | America/New_York",
        "30 1 * * * | America/New_York",
        "15,45 2 * * * | America/New_York",
        "0 2,3 * * * | Europe/Berlin",
        "* 2 * * * | Europe/Berlin",
        "*/15 */2 * * * | Australia/Lord_Howe",
        "15 2 * * * | Australia/Lord_Howe",
        "0 0 13 * FRI | UTC"
      })
  void fireTimesAreStrictlyIncreasingAndChainingNextAfterGivesTheSameSequence(
      String expression, String zone) {
    CronSchedule schedule = schedule(expression);
    ZoneId zoneId = ZoneId.of(zone);
    List<Instant> batch = schedule.next(YEAR_START, zoneId, 20_000);

    List<Instant> chained = new ArrayList<>();
    Instant cursor = YEAR_START;
    while (chained.size() < batch.size()) {
      cursor = schedule.nextAfter(cursor, zoneId).orElseThrow();
      chained.add(cursor);
    }

    assertThat(batch).isSortedAccordingTo(Instant::compareTo).doesNotHaveDuplicates();
    assertThat(batch.getFirst()).isAfter(YEAR_START);
    assertThat(chained).isEqualTo(batch);
  }

  @Test
  void nextAfterAFireTimeReturnsTheFollowingOne() {
    CronSchedule schedule = schedule("0 2 * * *");

    assertThat(schedule.nextAfter(Instant.parse("2026-05-01T02:00:00Z"), ZoneId.of("UTC")))
        .contains(Instant.parse("2026-05-02T02:00:00Z"));
  }

  @Test
  void nextAfterInsideTheRepeatedHourContinuesWithTheSecondOccurrence() {
    // 01:30 EDT (05:30Z) is followed by 01:00 EST (06:00Z) for an hourly-stepped schedule.
    CronSchedule schedule = schedule("0,30 * * * *");

    assertThat(
            schedule.nextAfter(
                Instant.parse("2026-11-01T05:30:00Z"), ZoneId.of("America/New_York")))
        .contains(Instant.parse("2026-11-01T06:00:00Z"));
  }

  @Test
  void countOfZeroGivesNoFireTimes() {
    assertThat(schedule("* * * * *").next(YEAR_START, ZoneId.of("UTC"), 0)).isEmpty();
  }

  @Test
  void everyMinuteGivesConsecutiveMinutes() {
    assertThat(schedule("* * * * *").next(YEAR_START, ZoneId.of("UTC"), 3))
        .containsExactly(
            Instant.parse("2026-01-01T00:01:00Z"),
            Instant.parse("2026-01-01T00:02:00Z"),
            Instant.parse("2026-01-01T00:03:00Z"));
  }
}
