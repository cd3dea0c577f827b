package io.outrun.cron;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The five parsed fields of a cron expression and the day and daylight-saving rules they imply. */
record CronFields(
    CronField minute, CronField hour, CronField dayOfMonth, CronField month, CronField dayOfWeek) {

  private static final String FIELD_NAMES = "minute hour day-of-month month day-of-week";

  /** Parses five whitespace-separated fields; throws {@link InvalidCronException} if invalid. */
  static CronFields parse(String expression) {
    String[] texts = expression.strip().split("\\s+");
    if (texts.length != 5) {
      throw new InvalidCronException(
          "expected 5 fields (" + FIELD_NAMES + ") but found " + texts.length);
    }
    return new CronFields(
        CronField.parse(CronFieldType.MINUTE, texts[0]),
        CronField.parse(CronFieldType.HOUR, texts[1]),
        CronField.parse(CronFieldType.DAY_OF_MONTH, texts[2]),
        CronField.parse(CronFieldType.MONTH, texts[3]),
        CronField.parse(CronFieldType.DAY_OF_WEEK, texts[4]));
  }

  /**
   * Whether {@code date} is a fire day. cron(8)'s rule: when both day fields are restricted, a day
   * matches if either matches; when one of them starts with {@code *} ({@code *} or {@code *}/n),
   * both must match, which makes a plain {@code *} the "only the other restricts" case.
   */
  boolean matchesDay(LocalDate date) {
    if (!month.contains(date.getMonthValue())) {
      return false;
    }
    boolean dayOfMonthMatches = dayOfMonth.contains(date.getDayOfMonth());
    boolean dayOfWeekMatches = dayOfWeek.contains(date.getDayOfWeek().getValue() % 7);
    return eitherDayFieldSuffices()
        ? dayOfMonthMatches || dayOfWeekMatches
        : dayOfMonthMatches && dayOfWeekMatches;
  }

  /** {@code *} or a step in the hour field follows elapsed time; a fixed hour the wall clock. */
  DaylightSavingRule daylightSavingRule() {
    return hour.hasStarOrStep() ? DaylightSavingRule.ELAPSED_TIME : DaylightSavingRule.WALL_CLOCK;
  }

  /**
   * Why these fields can never fire, if they cannot. Every (month, day) pair that exists (Feb 29
   * included) falls on each weekday somewhere in the 400-year Gregorian cycle, and every month has
   * every weekday, so a schedule fires unless both day fields must match and no selected month has
   * a selected day-of-month. Hours and minutes always select something.
   */
  Optional<String> neverFiresReason() {
    if (eitherDayFieldSuffices()) {
      return Optional.empty();
    }
    int[] months = month.ascending();
    int longest = Arrays.stream(months).map(m -> Month.of(m).maxLength()).max().orElse(0);
    if (dayOfMonth.ascending()[0] <= longest) {
      return Optional.empty();
    }
    String monthNames =
        Arrays.stream(months)
            .mapToObj(m -> Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH))
            .collect(Collectors.joining(", "));
    return Optional.of(
        "never fires: day-of-month "
            + dayOfMonth.normalized()
            + " does not occur in "
            + monthNames);
  }

  /** The fields with names replaced by numbers, e.g. {@code 0 9 * * 1-5}. */
  String normalized() {
    return String.join(
        " ",
        minute.normalized(),
        hour.normalized(),
        dayOfMonth.normalized(),
        month.normalized(),
        dayOfWeek.normalized());
  }

  private boolean eitherDayFieldSuffices() {
    return !dayOfMonth.startsWithStar() && !dayOfWeek.startsWithStar();
  }
}
