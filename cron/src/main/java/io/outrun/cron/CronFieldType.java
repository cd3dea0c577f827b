package io.outrun.cron;

import java.util.List;
import java.util.Locale;

/** The five fields of a Unix cron expression: their names, bounds and accepted names. */
enum CronFieldType {
  MINUTE("minute", 0, 59, List.of()),
  HOUR("hour", 0, 23, List.of()),
  DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
  MONTH(
      "month",
      1,
      12,
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
  /** 0-7, where both 0 and 7 are Sunday; names SUN (0) to SAT (6). */
  DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

  private final String label;
  private final int low;
  private final int high;
  private final List<String> names;

  CronFieldType(String label, int low, int high, List<String> names) {
    this.label = label;
    this.low = low;
    this.high = high;
    this.names = names;
  }

  String label() {
    return label;
  }

  int low() {
    return low;
  }

  int high() {
    return high;
  }

  /** The value of one token: a number within bounds or, for month and day-of-week, a name. */
  int parseValue(String token) {
    if (token.isEmpty()) {
      throw invalid("a value is missing");
    }
    if (isNumber(token)) {
      int value = token.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(token);
      if (value < low || value > high) {
        throw invalid(token + " is out of range " + low + "-" + high);
      }
      return value;
    }
    int index = names.indexOf(token.toUpperCase(Locale.ROOT));
    if (index < 0) {
      throw invalid("'" + token + "' is not a valid value (" + expected() + ")");
    }
    return this == MONTH ? index + 1 : index;
  }

  /** Whether {@code text} is a non-empty run of ASCII digits. */
  static boolean isNumber(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  InvalidCronException invalid(String problem) {
    return new InvalidCronException(label + ": " + problem);
  }

  private String expected() {
    String range = "use " + low + "-" + high;
    return names.isEmpty() ? range : range + " or " + names.getFirst() + "-" + names.getLast();
  }
}
