package io.outrun.cron;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One parsed field of a cron expression.
 *
 * @param values the selected values as a bit set (bit {@code v} set when {@code v} is selected);
 *     for day-of-week, 7 is folded into 0 (Sunday)
 * @param startsWithStar whether the field's text starts with {@code *}, which is how cron(8) tells
 *     an unrestricted day field for the day-of-month/day-of-week OR rule
 * @param hasStarOrStep whether any element is {@code *} or has a step, which for the hour field
 *     selects the elapsed-time daylight-saving rule
 * @param normalized the field with names replaced by numbers, e.g. {@code 1-5} for {@code MON-FRI}
 */
record CronField(long values, boolean startsWithStar, boolean hasStarOrStep, String normalized) {

  boolean contains(int value) {
    return (values & (1L << value)) != 0;
  }

  /** The selected values in ascending order. */
  int[] ascending() {
    return IntStream.range(0, Long.SIZE).filter(this::contains).toArray();
  }

  /** Parses a comma-separated list of {@code *}, values, ranges and steps; throws if invalid. */
  static CronField parse(CronFieldType type, String text) {
    long values = 0;
    List<String> normalized = new ArrayList<>();
    for (String element : text.split(",", -1)) {
      Element parsed = Element.parse(type, element);
      values |= parsed.values();
      normalized.add(parsed.normalized());
    }
    if (type == CronFieldType.DAY_OF_WEEK && (values & (1L << 7)) != 0) {
      values = (values & ~(1L << 7)) | 1L;
    }
    return new CronField(
        values,
        text.startsWith("*"),
        text.contains("*") || text.contains("/"),
        String.join(",", normalized));
  }

  /**
   * One list element: {@code *}, {@code n} or {@code a-b}, optionally followed by {@code /step}.
   */
  private record Element(long values, String normalized) {

    static Element parse(CronFieldType type, String element) {
      if (element.isEmpty()) {
        throw type.invalid("a list has an empty item");
      }
      String[] baseAndStep = element.split("/", -1);
      if (baseAndStep.length > 2) {
        throw type.invalid("'" + element + "' has more than one step");
      }
      boolean stepped = baseAndStep.length == 2;
      int step = stepped ? step(type, baseAndStep[1]) : 1;
      String base = baseAndStep[0];
      int from;
      int to;
      if (base.equals("*")) {
        from = type.low();
        to = type.high();
      } else if (base.contains("-")) {
        String[] bounds = base.split("-", -1);
        if (bounds.length != 2) {
          throw type.invalid("'" + base + "' is not a range like 1-5");
        }
        from = type.parseValue(bounds[0]);
        to = type.parseValue(bounds[1]);
        if (type == CronFieldType.DAY_OF_WEEK && to == 0 && from > 0) {
          to = 7; // FRI-SUN: Sunday as the end of a range is day 7
        }
        if (from > to) {
          throw type.invalid("range " + base + " goes backwards");
        }
      } else {
        from = type.parseValue(base);
        to = stepped ? type.high() : from; // n/step means n-max/step
      }
      long values = 0;
      for (int value = from; value <= to; value += step) {
        values |= 1L << value;
      }
      String range = base.equals("*") ? "*" : from == to ? "" + from : from + "-" + to;
      return new Element(values, stepped ? range + "/" + step : range);
    }

    private static int step(CronFieldType type, String text) {
      if (!CronFieldType.isNumber(text)) {
        throw type.invalid("step '" + text + "' is not a positive number");
      }
      int step = text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text);
      if (step < 1 || step > type.high()) {
        throw type.invalid("step " + text + " is out of range 1-" + type.high());
      }
      return step;
    }
  }
}
