package io.outrun.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cron schedule of the contract: the 5-field Unix form (minute hour day-of-month month
 * day-of-week), evaluated the way cron(8) (Vixie cron) does, shared by trigger-api's preview and
 * the listener's scheduler so both compute the same fire times.
 *
 * <p>Syntax: values, ranges {@code a-b}, lists, steps ({@code *}/n, {@code a-b/n}, and {@code n/s}
 * meaning {@code n-max/s}); month names JAN-DEC and day names SUN-SAT, case-insensitive; day-of-week
 * 0 and 7 are Sunday, and a range may end on Sunday ({@code FRI-SUN}). Macros {@code @hourly},
 * {@code @daily}/{@code @midnight}, {@code @weekly}, {@code @monthly}, {@code @yearly}/{@code
 * @annually}; {@code @reboot} is invalid. Quartz extras ({@code ? L W #}) and seconds are invalid.
 *
 * <p>Days: when both day fields are restricted, a day matches if either matches. As in cron(8), a
 * day field counts as unrestricted when its text starts with {@code *}, so {@code 0 0 * * MON} is
 * every Monday and {@code 0 0 *}{@code /2 * MON} is odd-numbered days that are Mondays.
 *
 * <p>Daylight saving, decided by the hour field alone:
 *
 * <ul>
 *   <li>A fixed hour (value, list or range, e.g. {@code 30 2 * * *}) follows the wall clock. Each
 *       matching local time in a spring-forward gap fires at the first instant after the gap, the
 *       transition instant (New York 2026-03-08: 03:00 EDT = 07:00Z for {@code 30 2}, for {@code 0
 *       2} and for {@code 15,45 2} alike). Gap times that land on one instant fire once, also
 *       together with a real time equal to that instant ({@code 0 2,3}: once at 03:00). A local
 *       time a fall-back repeats fires once, at its first (daylight-time) occurrence.
 *   <li>{@code *} or any step in the hour field follows elapsed time: a local time in a gap does
 *       not exist and does not fire; a repeated local time fires at both occurrences ({@code 0 * *
 *       * *}: 23 fires on New York's spring day, 25 on its fall day). With half-hour shifts (Lord
 *       Howe) this means "every matching local time at each of its real occurrences".
 * </ul>
 *
 * <p>An expression that can never fire ({@code 0 0 30 2 *}) is invalid; see {@link
 * CronFields#neverFiresReason()}. Parsing never throws: bad input is {@link Parsed.Invalid}.
 */
public final class CronSchedule {

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private final String expression;
  private final CronFields fields;
  private final FireTimeSearch search;

  private CronSchedule(String expression, CronFields fields) {
    this.expression = expression;
    this.fields = fields;
    this.search = new FireTimeSearch(fields);
  }

  /** Parses {@code expression}; never throws for bad input. */
  public static Parsed parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return new Parsed.Invalid("a cron expression is required");
    }
    String trimmed = expression.strip();
    try {
      CronFields fields = CronFields.parse(expandMacro(trimmed));
      return fields
          .neverFiresReason()
          .<Parsed>map(Parsed.Invalid::new)
          .orElseGet(() -> new Parsed.Valid(new CronSchedule(trimmed, fields)));
    } catch (InvalidCronException e) {
      return new Parsed.Invalid(e.getMessage());
    }
  }

  /** The expression as given, trimmed (a macro stays a macro). */
  public String expression() {
    return expression;
  }

  /** A human description of the expanded form, e.g. "At 02:00" for {@code 0 2 * * *}. */
  public String description() {
    return CronDescription.of(fields.normalized(), expression);
  }

  /** The first fire time strictly after {@code after} in {@code zone}; empty if it never fires. */
  public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
    return next(after, zone, 1).stream().findFirst();
  }

  /** Up to {@code count} fire times strictly after {@code after}, ascending and distinct. */
  public List<Instant> next(Instant after, ZoneId zone, int count) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(zone, "zone");
    return count <= 0 ? List.of() : List.copyOf(search.next(after, zone, count));
  }

  private static String expandMacro(String expression) {
    if (!expression.startsWith("@")) {
      return expression;
    }
    String macro = MACROS.get(expression.toLowerCase(Locale.ROOT));
    if (macro != null) {
      return macro;
    }
    if (expression.equalsIgnoreCase("@reboot")) {
      throw new InvalidCronException("@reboot is not supported: a schedule fires at clock times");
    }
    throw new InvalidCronException(
        "unknown macro " + expression + " (use @hourly, @daily, @weekly, @monthly or @yearly)");
  }

  /** The result of parsing: a schedule, or why the expression is not one. */
  public sealed interface Parsed {
    record Valid(CronSchedule schedule) implements Parsed {}

    record Invalid(String reason) implements Parsed {}
  }
}
