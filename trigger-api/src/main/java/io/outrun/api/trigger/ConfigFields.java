package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one trigger config and collects every problem it has (field names {@code config.<key>}), so
 * a refused request lists them all at once. Pure: no Spring, no I/O.
 */
final class ConfigFields {

  /**
   * The longest string a config may hold where one is read as text: the longest meaningful one, an
   * HMAC secret, has at most 512 characters.
   */
  static final int MAX_TEXT = 1000;

  private final Map<String, Object> config;
  private final List<FieldProblem> errors = new ArrayList<>();

  ConfigFields(Map<String, Object> config) {
    this.config = config == null ? Map.of() : config;
  }

  boolean has(String key) {
    return config.get(key) != null;
  }

  Object raw(String key) {
    return config.get(key);
  }

  void reject(String key, String message) {
    errors.add(new FieldProblem("config." + key, message));
  }

  List<FieldProblem> errors() {
    return List.copyOf(errors);
  }

  /** A non-blank string, or null if absent or invalid (then a problem is recorded). */
  String text(String key) {
    Object value = config.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      reject(key, "must be a non-empty string");
      return null;
    }
    if (text.length() > MAX_TEXT) {
      reject(key, "must be at most " + MAX_TEXT + " characters");
      return null;
    }
    return text.trim();
  }

  /** One of {@code allowed} (compared ignoring case, answered in its canonical spelling). */
  String choice(String key, List<String> allowed, String fallback) {
    Object value = config.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      for (String candidate : allowed) {
        if (candidate.equalsIgnoreCase(text.trim())) {
          return candidate;
        }
      }
    }
    reject(key, "must be one of " + String.join(", ", allowed));
    return fallback;
  }

  /** A whole number within {@code min..max}; {@code fallback} if absent or invalid. */
  Integer whole(String key, int min, int max, Integer fallback) {
    Object value = config.get(key);
    if (value == null) {
      return fallback;
    }
    Long number = wholeNumber(value);
    if (number == null || number < min || number > max) {
      reject(key, "must be a whole number from " + min + " to " + max);
      return fallback;
    }
    return number.intValue();
  }

  static Long wholeNumber(Object value) {
    return switch (value) {
      case null -> null;
      case Integer i -> i.longValue();
      case Long l -> l;
      case Double d when d == Math.rint(d) && !d.isInfinite() -> d.longValue();
      default -> null;
    };
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
