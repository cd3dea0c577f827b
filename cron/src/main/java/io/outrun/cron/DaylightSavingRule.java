package io.outrun.cron;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Comparator;
import java.util.List;

/** How a matching local time becomes fire instants around daylight-saving transitions. */
enum DaylightSavingRule {

  /**
   * A fixed hour field (a value, list or range), cron(8)'s "non-wildcard" jobs: a local time in a
   * spring-forward gap fires at the first instant after the gap (the transition instant), and a
   * local time that a fall-back repeats fires once, at its first (earlier) occurrence.
   */
  WALL_CLOCK {
    @Override
    void addInstants(LocalDateTime time, ZoneRules rules, List<Instant> into) {
      into.add(earliest(time, rules));
    }
  },

  /**
   * {@code *} or a step in the hour field: the schedule follows real elapsed time, so a local time
   * in a gap does not exist and does not fire, and a repeated local time fires at both offsets.
   */
  ELAPSED_TIME {
    @Override
    void addInstants(LocalDateTime time, ZoneRules rules, List<Instant> into) {
      for (ZoneOffset offset : rules.getValidOffsets(time)) {
        into.add(time.toInstant(offset));
      }
    }
  };

  /** Adds the instants at which {@code time} fires (none, one or two) to {@code into}. */
  abstract void addInstants(LocalDateTime time, ZoneRules rules, List<Instant> into);

  /** The first instant showing {@code time}, or the end of the gap that skips it. */
  static Instant earliest(LocalDateTime time, ZoneRules rules) {
    return extreme(time, rules, Comparator.naturalOrder());
  }

  /** The last instant showing {@code time}, or the end of the gap that skips it. */
  static Instant latest(LocalDateTime time, ZoneRules rules) {
    return extreme(time, rules, Comparator.reverseOrder());
  }

  private static Instant extreme(LocalDateTime time, ZoneRules rules, Comparator<Instant> order) {
    List<ZoneOffset> offsets = rules.getValidOffsets(time);
    if (offsets.isEmpty()) {
      return rules.getTransition(time).getInstant();
    }
    return offsets.stream().map(time::toInstant).min(order).orElseThrow();
  }
}
