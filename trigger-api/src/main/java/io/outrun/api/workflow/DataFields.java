package io.outrun.api.workflow;

import com.dashjoin.jsonata.Jsonata;
import io.outrun.api.error.FieldProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The values of one JSON object of a workflow (a node's {@code data}, the {@code settings}, a retry
 * policy), checked key by key the way runner-service reads them. Each bad value adds one problem
 * named by its full path ({@code settings.retryPolicy.maxRetries}) to a list that nested objects
 * share. A key that is absent or null is unset, which only the {@code require*} checks refuse.
 * Pure: no Spring, no I/O.
 */
final class DataFields {

  private final String field;
  private final Map<String, Object> values;
  private final List<FieldProblem> problems;

  private DataFields(String field, Map<String, Object> values, List<FieldProblem> problems) {
    this.field = field;
    this.values = values == null ? Map.of() : values;
    this.problems = problems;
  }

  /** The object at {@code field} (e.g. {@code nodes[n1].data}), with no problems yet. */
  static DataFields of(String field, Map<String, Object> values) {
    return new DataFields(field, values, new ArrayList<>());
  }

  /** Every problem found so far, in this object and the nested ones. */
  List<FieldProblem> problems() {
    return List.copyOf(problems);
  }

  /** Records a problem of {@code key} found by a check across keys. */
  void problem(String key, String message) {
    problems.add(new FieldProblem(path(key), message));
  }

  /** The value of {@code key} as given, or null. */
  Object raw(String key) {
    return values.get(key);
  }

  boolean requireText(String key) {
    if (values.get(key) instanceof String text && !text.isBlank()) {
      return true;
    }
    problem(key, "is required (a non-empty string)");
    return false;
  }

  void requireJsonata(String key) {
    if (!requireText(key)) {
      return;
    }
    try {
      Jsonata.jsonata((String) values.get(key));
    } catch (RuntimeException e) {
      problem(key, "is not a valid JSONata expression: " + e.getMessage());
    }
  }

  void requireWholeNumber(String key, long min, long max) {
    if (values.get(key) == null) {
      problem(key, "is required (" + wholeNumberFrom(min, max) + ")");
      return;
    }
    wholeNumber(key, min, max);
  }

  /**
   * The value of {@code key} if it is a whole number from {@code min} to {@code max}: empty if it
   * is unset, and empty with a problem if it is anything else (a fraction, a string, a boolean).
   */
  OptionalLong wholeNumber(String key, long min, long max) {
    Object value = values.get(key);
    if (value == null) {
      return OptionalLong.empty();
    }
    OptionalLong number = whole(value);
    if (number.isEmpty() || number.getAsLong() < min || number.getAsLong() > max) {
      problem(key, "must be " + wholeNumberFrom(min, max));
      return OptionalLong.empty();
    }
    return number;
  }

  /**
   * Checks that {@code key}, if set, is a string naming one of {@code choices} (lower case), in any
   * case, as the runner matches its enum names.
   */
  void choice(String key, List<String> choices) {
    Object value = values.get(key);
    if (value == null) {
      return;
    }
    boolean known =
        value instanceof String text
            && choices.stream()
                .anyMatch(
                    choice ->
                        choice.toUpperCase(Locale.ROOT).equals(text.toUpperCase(Locale.ROOT)));
    if (!known) {
      problem(key, "must be one of " + String.join(", ", choices));
    }
  }

  /**
   * The object at {@code key}, whose checks add to the same problems: empty if it is unset, and
   * empty with a problem if it is not an object.
   */
  @SuppressWarnings("unchecked")
  Optional<DataFields> object(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> map) {
      return Optional.of(new DataFields(path(key), (Map<String, Object>) map, problems));
    }
    problem(key, "must be an object");
    return Optional.empty();
  }

  private String path(String key) {
    return field + "." + key;
  }

  private static String wholeNumberFrom(long min, long max) {
    return "a whole number from " + min + " to " + max;
  }

  /** A JSON number without a fractional part that fits in a long; empty for anything else. */
  private static OptionalLong whole(Object value) {
    return switch (value) {
      case Integer n -> OptionalLong.of(n);
      case Long n -> OptionalLong.of(n);
      case Short n -> OptionalLong.of(n);
      case Byte n -> OptionalLong.of(n);
      case BigInteger n ->
          n.bitLength() < Long.SIZE ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
      case BigDecimal n -> exact(n);
      case Double n -> whole(n.doubleValue());
      case Float n -> whole(n.doubleValue());
      default -> OptionalLong.empty();
    };
  }

  private static OptionalLong whole(double value) {
    boolean exact = Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 0x1p63;
    return exact ? OptionalLong.of((long) value) : OptionalLong.empty();
  }

  private static OptionalLong exact(BigDecimal value) {
    try {
      return OptionalLong.of(value.longValueExact());
    } catch (ArithmeticException notWhole) {
      return OptionalLong.empty();
    }
  }
}
