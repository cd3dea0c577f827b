package io.outrun.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares the date-walking search with a minute-by-minute scan of real instants around every 2026
 * transition, which states the contract's rules directly: an instant fires when its local time
 * matches (elapsed time: at every occurrence; fixed hour: at the first occurrence only), and a
 * fixed-hour schedule also fires at a gap's end when a skipped local time matches.
 */
class FireTimeSearchOracleTest {

  private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "America/New_York",
        "Europe/Berlin",
        "Australia/Lord_Howe",
        "America/Santiago",
        "Africa/Cairo",
        "America/Havana"
      })
  void searchAgreesWithAMinuteByMinuteScanAroundEachTransition(String zone) {
    List<String> expressions =
        List.of(
            "* * * * *",
            "*/30 * * * *",
            "0 * * * *",
            "15,45 */2 * * *",
            "30 2 * * *",
            "15,45 2 * * *",
            "0 2,3 * * *",
            "* 1 * * *",
            "45 1 * * *",
            "0 0 * * *",
            "30 0 * * *",
            "0 23 * * *",
            "30 23 * * *",
            "0-59/7 0-3 * * *",
            "0 0 * * SUN",
            "@daily");
    ZoneRules rules = ZoneId.of(zone).getRules();
    for (ZoneOffsetTransition transition : transitionsIn2026(rules)) {
      Instant from = transition.getInstant().minus(2, ChronoUnit.DAYS);
      Instant to = transition.getInstant().plus(2, ChronoUnit.DAYS);
      for (String expression : expressions) {
        CronSchedule schedule = CronTestSupport.schedule(expression);
        List<Instant> searched =
            schedule.next(from, ZoneId.of(zone), 6000).stream()
                .filter(fire -> fire.isBefore(to))
                .toList();
        assertThat(searched)
            .as("%s in %s around %s", expression, zone, transition)
            .isEqualTo(scan(CronFields.parse(expandedForm(expression)), rules, from, to));
      }
    }
  }

  private static List<ZoneOffsetTransition> transitionsIn2026(ZoneRules rules) {
    List<ZoneOffsetTransition> transitions = new ArrayList<>();
    ZoneOffsetTransition next = rules.nextTransition(YEAR);
    while (next != null && next.getInstant().isBefore(YEAR.plus(365, ChronoUnit.DAYS))) {
      transitions.add(next);
      next = rules.nextTransition(next.getInstant());
    }
    assertThat(transitions).isNotEmpty();
    return transitions;
  }

  private static List<Instant> scan(CronFields fields, ZoneRules rules, Instant from, Instant to) {
    boolean fixedHour = fields.daylightSavingRule() == DaylightSavingRule.WALL_CLOCK;
    List<Instant> fires = new ArrayList<>();
    for (Instant t = from.plusSeconds(60); t.isBefore(to); t = t.plusSeconds(60)) {
      LocalDateTime local = LocalDateTime.ofInstant(t, rules.getOffset(t));
      boolean firstOccurrence = rules.getValidOffsets(local).getFirst().equals(rules.getOffset(t));
      boolean fire = matches(fields, local) && (!fixedHour || firstOccurrence);
      ZoneOffsetTransition transition = rules.getTransition(local.minusMinutes(1));
      if (fixedHour
          && transition != null
          && transition.isGap()
          && transition.getInstant().equals(t)) {
        for (LocalDateTime skipped = transition.getDateTimeBefore();
            skipped.isBefore(transition.getDateTimeAfter());
            skipped = skipped.plusMinutes(1)) {
          fire |= matches(fields, skipped);
        }
      }
      if (fire) {
        fires.add(t);
      }
    }
    return fires;
  }

  private static boolean matches(CronFields fields, LocalDateTime local) {
    return fields.matchesDay(local.toLocalDate())
        && fields.hour().contains(local.getHour())
        && fields.minute().contains(local.getMinute());
  }

  private static String expandedForm(String expression) {
    return expression.equals("@daily") ? "0 0 * * *" : expression;
  }
}
