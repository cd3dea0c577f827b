package io.outrun.cron;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds fire times by walking local dates: months that do not match are skipped whole, and only
 * matching days expand into their hour x minute local times, which the daylight-saving rule maps to
 * instants. The cost is one step per candidate day, never one per minute.
 */
final class FireTimeSearch {

  /** The Gregorian calendar repeats every 400 years; a schedule that fires does so within it. */
  private static final int HORIZON_YEARS = 401;

  private final CronFields fields;
  private final DaylightSavingRule rule;
  private final int[] hours;
  private final int[] minutes;

  FireTimeSearch(CronFields fields) {
    this.fields = fields;
    this.rule = fields.daylightSavingRule();
    this.hours = fields.hour().ascending();
    this.minutes = fields.minute().ascending();
  }

  /** Up to {@code count} fire instants strictly after {@code after}, ascending and distinct. */
  List<Instant> next(Instant after, ZoneId zone, int count) {
    ZoneRules rules = zone.getRules();
    NavigableSet<Instant> pending = new TreeSet<>(); // sorted and distinct
    List<Instant> found = new ArrayList<>();
    // From the day before: a time in a gap that spans midnight fires on the following date.
    LocalDate date = LocalDate.ofInstant(after, zone).minusDays(1);
    LocalDate horizon = date.plusYears(HORIZON_YEARS);
    while (found.size() < count && date.isBefore(horizon)) {
      release(pending, earliestInstantOf(date.atStartOfDay(), rules), count, found);
      if (!fields.month().contains(date.getMonthValue())) {
        date = date.withDayOfMonth(1).plusMonths(1);
        continue;
      }
      if (fields.matchesDay(date)) {
        addFires(date, rules, after, pending);
      }
      date = date.plusDays(1);
    }
    release(pending, Instant.MAX, count, found);
    return found;
  }

  private void addFires(LocalDate date, ZoneRules rules, Instant after, Set<Instant> pending) {
    List<Instant> fires = new ArrayList<>(2);
    for (int hour : hours) {
      for (int minute : minutes) {
        rule.addInstants(date.atTime(hour, minute), rules, fires);
      }
    }
    for (Instant fire : fires) {
      if (fire.isAfter(after)) {
        pending.add(fire);
      }
    }
  }

  /**
   * Moves pending fires before {@code bound} to {@code found}. Every fire of a later date is at or
   * after the earliest instant of that date's midnight, so fires before it are final; fires after
   * it wait, since a fall-back across midnight can put a date's repeated times after the next
   * date's first times.
   */
  private static void release(
      NavigableSet<Instant> pending, Instant bound, int count, List<Instant> found) {
    while (found.size() < count && !pending.isEmpty() && pending.first().isBefore(bound)) {
      found.add(pending.pollFirst());
    }
  }

  private static Instant earliestInstantOf(LocalDateTime time, ZoneRules rules) {
    List<Instant> instants = new ArrayList<>(2);
    DaylightSavingRule.WALL_CLOCK.addInstants(time, rules, instants);
    return instants.getFirst();
  }
}
