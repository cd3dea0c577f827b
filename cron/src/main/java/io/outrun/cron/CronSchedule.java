package io.outrun.cron;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed cron expression of the contract. PROVISIONAL implementation (plain cron-utils): the
 * public API is fixed; the DST rule, macros and never-fires detection are being completed.
 */
public final class CronSchedule {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final String expression;
  private final Cron cron;

  private CronSchedule(String expression, Cron cron) {
    this.expression = expression;
    this.cron = cron;
  }

  /** Parses {@code expression}; never throws for bad input. */
  public static Parsed parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return new Parsed.Invalid("a cron expression is required");
    }
    try {
      Cron cron = PARSER.parse(expression.trim());
      return new Parsed.Valid(new CronSchedule(expression.trim(), cron));
    } catch (IllegalArgumentException e) {
      return new Parsed.Invalid(e.getMessage());
    }
  }

  public String expression() {
    return expression;
  }

  /** A human description, e.g. "At 02:00 AM". */
  public String description() {
    return CronDescriptor.instance(Locale.ENGLISH).describe(cron);
  }

  /** The first fire time strictly after {@code after} in {@code zone}; empty if it never fires. */
  public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
    return ExecutionTime.forCron(cron)
        .nextExecution(ZonedDateTime.ofInstant(after, zone))
        .map(ZonedDateTime::toInstant);
  }

  /** Up to {@code count} fire times strictly after {@code after}, in order. */
  public List<Instant> next(Instant after, ZoneId zone, int count) {
    List<Instant> times = new ArrayList<>(count);
    Instant cursor = after;
    while (times.size() < count) {
      Optional<Instant> next = nextAfter(cursor, zone);
      if (next.isEmpty()) {
        break;
      }
      times.add(next.get());
      cursor = next.get();
    }
    return times;
  }

  /** The result of parsing: a schedule, or why the expression is not one. */
  public sealed interface Parsed {
    record Valid(CronSchedule schedule) implements Parsed {}

    record Invalid(String reason) implements Parsed {}
  }
}
