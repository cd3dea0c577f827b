package io.outrun.cron;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Finds fire times by walking local dates: months that do not match are skipped whole, and only
 * matching days expand into their hour x minute local times, which the daylight-saving rule maps to
 * instants. The cost is one step per candidate day and per relevant hour, never one per minute over
 * long spans.
 *
 * <p>Candidates wait in a sorted set holding at most the number still wanted. Local time order is
 * not instant order around a fall-back, so a candidate is final only once it precedes the earliest
 * instant of a later date's midnight, before which no later date can fire.
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
    Candidates candidates = new Candidates(after, count);
    // From the day before: a time in a gap that spans midnight fires on the following date.
    LocalDate date = LocalDate.ofInstant(after, zone).minusDays(1);
    LocalDate horizon = date.plusYears(HORIZON_YEARS);
    while (!candidates.complete() && date.isBefore(horizon)) {
      candidates.releaseBefore(date, rules);
      if (!fields.month().contains(date.getMonthValue())) {
        date = date.withDayOfMonth(1).plusMonths(1);
        continue;
      }
      if (fields.matchesDay(date)) {
        addFires(date, rules, candidates);
      }
      date = date.plusDays(1);
    }
    return candidates.releaseAll();
  }

  private void addFires(LocalDate date, ZoneRules rules, Candidates candidates) {
    List<Instant> fires = new ArrayList<>();
    for (int hour : hours) {
      if (!DaylightSavingRule.latest(date.atTime(hour, 59), rules).isAfter(candidates.after)) {
        continue; // the whole hour is not after the search start
      }
      if (candidates.cannotImproveFrom(DaylightSavingRule.earliest(date.atTime(hour, 0), rules))) {
        return; // this and later hours fire no earlier than every wanted candidate
      }
      for (int minute : minutes) {
        rule.addInstants(date.atTime(hour, minute), rules, fires);
      }
      fires.forEach(candidates::offer);
      fires.clear();
    }
  }

  /** The sorted, distinct candidates after the start, and those already final. */
  private static final class Candidates {
    private final Instant after;
    private final int count;
    private final NavigableSet<Instant> pending = new TreeSet<>();
    private final List<Instant> released = new ArrayList<>();

    Candidates(Instant after, int count) {
      this.after = after;
      this.count = count;
    }

    boolean complete() {
      return released.size() == count;
    }

    void offer(Instant fire) {
      if (fire.isAfter(after) && pending.add(fire) && wanted() < pending.size()) {
        pending.pollLast();
      }
    }

    boolean cannotImproveFrom(Instant earliestLater) {
      return pending.size() == wanted()
          && (pending.isEmpty() || !earliestLater.isBefore(pending.last()));
    }

    /** Releases candidates before {@code date}'s midnight: no date from it on fires earlier. */
    void releaseBefore(LocalDate date, ZoneRules rules) {
      if (pending.isEmpty()) {
        return;
      }
      Instant bound = DaylightSavingRule.earliest(date.atStartOfDay(), rules);
      while (!pending.isEmpty() && pending.first().isBefore(bound)) {
        released.add(pending.pollFirst());
      }
    }

    List<Instant> releaseAll() {
      released.addAll(pending);
      return released;
    }

    private int wanted() {
      return count - released.size();
    }
  }
}
