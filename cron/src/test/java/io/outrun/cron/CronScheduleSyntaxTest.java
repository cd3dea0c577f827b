package io.outrun.cron;

import static io.outrun.cron.CronTestSupport.instants;
import static io.outrun.cron.CronTestSupport.next;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Syntax and day rules, in UTC from Thursday 2026-01-01T00:00Z. */
class CronScheduleSyntaxTest {

  private static final String START = "2026-01-01T00:00:00Z";

  @ParameterizedTest
  @ValueSource(strings = {"0 12 * JAN MON", "0 12 * jan mon", "0 12 * Jan Mon", "0 12 * 1 1"})
  void monthAndDayNamesAreCaseInsensitive(String expression) {
    assertThat(next(expression, START, "UTC", 3))
        .isEqualTo(
            instants("2026-01-05T12:00:00Z", "2026-01-12T12:00:00Z", "2026-01-19T12:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 0 * * 0,7"})
  void zeroAndSevenAreSunday(String expression) {
    assertThat(next(expression, START, "UTC", 2))
        .isEqualTo(instants("2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 * * FRI-SUN", "0 0 * * 5-7", "0 0 * * fri-sun", "0 0 * * 5,6,0"})
  void dayRangeMayEndOnSunday(String expression) {
    assertThat(next(expression, START, "UTC", 4))
        .isEqualTo(
            instants(
                "2026-01-02T00:00:00Z",
                "2026-01-03T00:00:00Z",
                "2026-01-04T00:00:00Z",
                "2026-01-09T00:00:00Z"));
  }

  @Test
  void listsRangesAndStepsCombine() {
    assertThat(next("*/20 9-10 * * *", START, "UTC", 7))
        .isEqualTo(
            instants(
                "2026-01-01T09:00:00Z",
                "2026-01-01T09:20:00Z",
                "2026-01-01T09:40:00Z",
                "2026-01-01T10:00:00Z",
                "2026-01-01T10:20:00Z",
                "2026-01-01T10:40:00Z",
                "2026-01-02T09:00:00Z"));
    assertThat(next("0 0-23/6 * * *", START, "UTC", 4))
        .isEqualTo(
            instants(
                "2026-01-01T06:00:00Z",
                "2026-01-01T12:00:00Z",
                "2026-01-01T18:00:00Z",
                "2026-01-02T00:00:00Z"));
    assertThat(next("5,10-11 0 * * *", START, "UTC", 3))
        .isEqualTo(
            instants("2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:11:00Z"));
  }

  @Test
  void valueWithStepRunsToTheEndOfTheField() {
    assertThat(next("5/20 0 * * *", START, "UTC", 3))
        .isEqualTo(
            instants("2026-01-01T00:05:00Z", "2026-01-01T00:25:00Z", "2026-01-01T00:45:00Z"));
  }

  @Test
  void monthStepSelectsEveryOtherMonth() {
    assertThat(next("0 0 1 */2 *", START, "UTC", 3))
        .isEqualTo(
            instants("2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z", "2026-07-01T00:00:00Z"));
  }

  @Test
  void macrosExpandToTheirFiveFieldForms() {
    assertThat(next("@hourly", START, "UTC", 2))
        .isEqualTo(instants("2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z"));
    assertThat(next("@daily", START, "UTC", 1)).isEqualTo(instants("2026-01-02T00:00:00Z"));
    assertThat(next("@midnight", START, "UTC", 1)).isEqualTo(instants("2026-01-02T00:00:00Z"));
    assertThat(next("@weekly", START, "UTC", 1)).isEqualTo(instants("2026-01-04T00:00:00Z"));
    assertThat(next("@monthly", START, "UTC", 1)).isEqualTo(instants("2026-02-01T00:00:00Z"));
    assertThat(next("@yearly", START, "UTC", 1)).isEqualTo(instants("2027-01-01T00:00:00Z"));
    assertThat(next("@annually", START, "UTC", 1)).isEqualTo(instants("2027-01-01T00:00:00Z"));
    assertThat(next(" @DAILY ", START, "UTC", 1)).isEqualTo(instants("2026-01-02T00:00:00Z"));
  }

  @Test
  void bothDayFieldsRestrictedMatchEitherField() {
    // Fridays (dow) plus Tuesday the 13th (dom).
    assertThat(next("0 0 13 * FRI", START, "UTC", 4))
        .isEqualTo(
            instants(
                "2026-01-02T00:00:00Z",
                "2026-01-09T00:00:00Z",
                "2026-01-13T00:00:00Z",
                "2026-01-16T00:00:00Z"));
    // Mondays (dow) plus the 1st and 15th (dom), even when the 15th is a Thursday.
    assertThat(next("0 0 1,15 * MON", START, "UTC", 5))
        .isEqualTo(
            instants(
                "2026-01-05T00:00:00Z",
                "2026-01-12T00:00:00Z",
                "2026-01-15T00:00:00Z",
                "2026-01-19T00:00:00Z",
                "2026-01-26T00:00:00Z"));
  }

  @Test
  void starredDayOfWeekLeavesOnlyDayOfMonthRestricting() {
    assertThat(next("0 0 13 * *", START, "UTC", 2))
        .isEqualTo(instants("2026-01-13T00:00:00Z", "2026-02-13T00:00:00Z"));
  }

  @Test
  void starredDayOfMonthLeavesOnlyDayOfWeekRestricting() {
    assertThat(next("0 0 * * FRI", START, "UTC", 2))
        .isEqualTo(instants("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z"));
  }

  @Test
  void dayFieldStartingWithStarAndStepCountsAsStarLikeCron8() {
    // Odd days of the month that are also Mondays: Jan 5, Jan 19, Feb 9 (Feb 2 is even).
    assertThat(next("0 0 */2 * MON", START, "UTC", 3))
        .isEqualTo(
            instants("2026-01-05T00:00:00Z", "2026-01-19T00:00:00Z", "2026-02-09T00:00:00Z"));
  }

  @Test
  void februaryTwentyNinthWaitsForALeapYear() {
    assertThat(next("0 0 29 2 *", START, "UTC", 2))
        .isEqualTo(instants("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"));
  }

  @Test
  void rareDayCombinationIsFoundYearsAhead() {
    // Feb 29 that is a Sunday (*/7 over 0-7 selects 0 and 7): first in 2032.
    assertThat(next("0 0 29 2 */7", START, "UTC", 1)).isEqualTo(instants("2032-02-29T00:00:00Z"));
  }

  @Test
  void dayThirtyOfFebruaryOrAMondayIsValidUnderTheOrRule() {
    assertThat(next("0 0 30 2 MON", START, "UTC", 1)).isEqualTo(instants("2026-02-02T00:00:00Z"));
  }

  @Test
  void zoneWithoutDaylightSavingFiresAtPlainLocalTimes() {
    // Friday 2026-03-06 09:00 JST is 00:00Z; strictly after it come Monday and Tuesday.
    assertThat(next("0 9 * * MON-FRI", "2026-03-06T00:00:00Z", "Asia/Tokyo", 2))
        .isEqualTo(instants("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z"));
  }
}
