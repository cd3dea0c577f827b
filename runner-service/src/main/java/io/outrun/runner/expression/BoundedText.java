package io.outrun.runner.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-ins besides the regex ones whose work JSONata does not bound, in place of JSONata's:
 * {@code $pad} (quadratic in its width there), {@code $join} and {@code $string} (sized before or
 * while they are built), {@code $clone} (through the bounded {@code $string}); the date and number
 * formatters, whose picture strings may ask for a billion-digit field; {@code $now} and {@code
 * $millis} (the evaluation's start); {@code $eval} is refused, since the expression it evaluates
 * would run outside every bound here.
 */
@SuppressWarnings("unchecked")
final class BoundedText {

  /** The longest picture string a formatter takes, and the widest field a date picture asks. */
  static final int MAX_PICTURE = 256;

  private static final Pattern MARKER = Pattern.compile("\\[([^\\]]*)]");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private BoundedText() {}

  private static final Map<String, JFunction> FUNCTIONS = new LinkedHashMap<>();

  static {
    bind("pad", "<s-ns?:s>", a -> pad((String) a.get(0), (Number) a.get(1), (String) a.get(2)));
    bind("join", "<a<s>s?:s>", a -> join((List<String>) a.get(0), (String) a.get(1)));
    bind("string", "<x-b?:s>", a -> string(a.get(0), (Boolean) a.get(1)));
    bind("clone", "<(oa)-:o>", a -> cloned(a.get(0)));
    bind("eval", "<sx?:x>", a -> refuseEval());
    bind("now", "<s?s?:s>", a -> now((String) a.get(0), (String) a.get(1)));
    bind("millis", "<:n>", a -> EvaluationBudget.current().startedAtMillis());
    bind("fromMillis", "<n-s?s?:s>", a -> fromMillis(a.get(0), a.get(1), a.get(2)));
    bind("toMillis", "<s-s?:n>", a -> toMillis((String) a.get(0), (String) a.get(1)));
    bind("formatNumber", "<n-so?:s>", BoundedText::formatNumber);
    bind("formatInteger", "<n-s:s>", BoundedText::formatInteger);
    bind("parseInteger", "<s-s:n>", BoundedText::parseInteger);
  }

  private interface Body {
    Object apply(Arguments args) throws Exception;
  }

  /** A built-in's arguments; a missing optional one is null. */
  record Arguments(List<?> list) {
    Object get(int index) {
      return BoundedRegex.arg(list, index);
    }
  }

  private static void bind(String name, String signature, Body body) {
    FUNCTIONS.put(name, new JFunction((input, args) -> body.apply(new Arguments(args)), signature));
  }

  /** Shadows JSONata's built-ins of the same names in {@code frame}. */
  static void bindInto(Jsonata.Frame frame) {
    FUNCTIONS.forEach(frame::bind);
  }

  private static String pad(String text, Number width, String padding) {
    if (text == null) {
      return null;
    }
    long target = Math.abs(width.longValue());
    EvaluationBudget.current().checkString(target);
    String with = padding == null || padding.isEmpty() ? " " : padding;
    int unit = with.codePointCount(0, with.length());
    long missing = target - text.codePointCount(0, text.length());
    if (missing <= 0) {
      return text;
    }
    int rest = (int) (missing % unit);
    String pad =
        with.repeat((int) (missing / unit)) + with.substring(0, with.offsetByCodePoints(0, rest));
    return width.longValue() < 0 ? pad + text : text + pad;
  }

  private static String join(List<String> parts, String separator) {
    if (parts == null) {
      return null;
    }
    String between = separator == null ? "" : separator;
    long length = (long) between.length() * Math.max(0, parts.size() - 1);
    for (String part : parts) {
      length += part == null ? 4 : part.length();
    }
    EvaluationBudget.current().checkString(length);
    return String.join(between, parts);
  }

  private static String string(Object value, Boolean pretty) {
    return JsonText.of(value, Boolean.TRUE.equals(pretty), EvaluationBudget.current());
  }

  private static Object cloned(Object value) {
    return value == null ? null : Json.parseJson(string(value, false));
  }

  private static Object refuseEval() {
    throw LimitExceeded.refused("$eval is not available: it would evaluate outside the limits");
  }

  private static String now(String picture, String timezone) {
    return fromMillis(EvaluationBudget.current().startedAtMillis(), picture, timezone);
  }

  private static String fromMillis(Object millis, Object picture, Object timezone) {
    return millis == null
        ? null
        : Functions.dateTimeFromMillis(
            (Number) millis, datePicture((String) picture), (String) timezone);
  }

  private static Object toMillis(String timestamp, String picture) throws Exception {
    return Functions.dateTimeToMillis(timestamp, datePicture(picture));
  }

  private static Object formatNumber(Arguments a) {
    return Functions.formatNumber(
        (Number) a.get(0), picture((String) a.get(1)), (java.util.Map<?, ?>) a.get(2));
  }

  private static Object formatInteger(Arguments a) {
    return Functions.formatInteger((Number) a.get(0), picture((String) a.get(1)));
  }

  private static Object parseInteger(Arguments a) throws Exception {
    return Functions.parseInteger((String) a.get(0), picture((String) a.get(1)));
  }

  /** A picture string JSONata formats in bounded time; null stays null (the default). */
  static String picture(String picture) {
    if (picture != null && picture.length() > MAX_PICTURE) {
      throw LimitExceeded.refused(
          "a picture string longer than " + MAX_PICTURE + " characters is not supported");
    }
    return picture;
  }

  /**
   * A date picture whose width modifiers ({@code [Y,2-4]}) ask for no more than {@link
   * #MAX_PICTURE} characters: JSONata pads a field to its width, a billion digits if asked.
   */
  static String datePicture(String picture) {
    if (picture(picture) == null) {
      return null;
    }
    Matcher marker = MARKER.matcher(picture);
    while (marker.find()) {
      String spec = marker.group(1);
      Matcher digits = DIGITS.matcher(spec.substring(Math.max(0, spec.lastIndexOf(','))));
      while (spec.contains(",") && digits.find()) {
        if (digits.group().length() > 3 || Integer.parseInt(digits.group()) > MAX_PICTURE) {
          throw LimitExceeded.refused("a field width over " + MAX_PICTURE + " is not supported");
        }
      }
    }
    return picture;
  }
}
