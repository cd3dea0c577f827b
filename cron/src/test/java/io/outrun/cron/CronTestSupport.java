package io.outrun.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Shared helpers: parse-or-fail, fires within one local day, instants from ISO strings. */
final class CronTestSupport {

  private CronTestSupport() {}

  static CronSchedule schedule(String expression) {
    CronSchedule.Parsed parsed = CronSchedule.parse(expression);
    assertThat(parsed).as(expression).isInstanceOf(CronSchedule.Parsed.Valid.class);
    return ((CronSchedule.Parsed.Valid) parsed).schedule();
  }

  static List<Instant> next(String expression, String after, String zone, int count) {
    return schedule(expression).next(Instant.parse(after), ZoneId.of(zone), count);
  }

  /** Every fire whose instant lies within the local calendar day {@code day} in {@code zone}. */
  static List<Instant> firesOnLocalDay(String expression, String zone, String day) {
    ZoneId zoneId = ZoneId.of(zone);
    LocalDate date = LocalDate.parse(day);
    Instant start = date.atStartOfDay(zoneId).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(zoneId).toInstant();
    return schedule(expression).next(start.minusNanos(1), zoneId, 200).stream()
        .filter(fire -> fire.isBefore(end))
        .toList();
  }

  static List<Instant> instants(String... isoInstants) {
    return Arrays.stream(isoInstants).map(Instant::parse).toList();
  }
}
