package io.outrun.triggers;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one trigger config and collects every problem it has (field names {@code config.<key>}), so
 * a refused request lists them all at once. The only reader of config keys: the type rules read
 * through it.
 */
final class ConfigFields {

  /** Where a config comes from: a request to trigger-api, or a stored {@code triggers} document. */
  enum Source {
    REQUEST,
    STORED
  }

  /**
   * The longest string a config may hold where one is read as text: the longest meaningful one, an
   * HMAC secret's ciphertext, has at most 720 characters.
   */
  static final int MAX_TEXT = 1000;

  private final Map<String, Object> config;
  private final Source source;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> asked = new HashSet<>();

  ConfigFields(Map<String, Object> config, Source source) {
    this.config = config == null ? Map.of() : config;
    this.source = source;
  }

  boolean stored() {
    return source == Source.STORED;
  }

  boolean has(String key) {
    return get(key) != null;
  }

  Object raw(String key) {
    return get(key);
  }

  /** Every read goes through here, so the keys no rule asked for are the unknown ones. */
  private Object get(String key) {
    asked.add(key);
    return config.get(key);
  }

  /**
   * Refuses every key of the config that no rule read: a setting the contract does not know (a
   * misspelt one, or {@code requireSignature}) is an error, never silently dropped. Called once the
   * type's rule has read the config.
   */
  void rejectUnknown(String type) {
    config.keySet().stream()
        .filter(key -> !asked.contains(key))
        .sorted()
        .forEach(key -> reject(key, "is not a setting of a " + type + " trigger"));
  }

  void reject(String key, String message) {
    problems.add(new ConfigProblem("config." + key, message));
  }

  List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /** A non-blank string, trimmed, or null if absent or invalid (then a problem is recorded). */
  String text(String key) {
    Object value = get(key);
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

  /** One of {@code type}'s constants by wire name, ignoring case; {@code fallback} if absent. */
  <E extends Enum<E> & WireName> E choice(String key, Class<E> type, E fallback) {
    Object value = get(key);
    if (value == null) {
      return fallback;
    }
    Optional<E> chosen =
        value instanceof String text ? WireName.find(type, text) : Optional.empty();
    if (chosen.isEmpty()) {
      reject(key, "must be one of " + String.join(", ", WireName.all(type)));
      return fallback;
    }
    return chosen.get();
  }

  /** A whole number within {@code min..max}; {@code fallback} if absent or invalid. */
  Integer whole(String key, int min, int max, Integer fallback) {
    Object value = get(key);
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

  /**
   * An instant as MongoDB gives it (a date); other writers may have left an ISO string or epoch
   * millis. Null if absent or none of these.
   */
  Instant instant(String key) {
    Object value = get(key);
    try {
      return switch (value) {
        case null -> null;
        case Date date -> date.toInstant();
        case Instant instant -> instant;
        case Number millis -> Instant.ofEpochMilli(millis.longValue());
        case String text -> Instant.parse(text.strip());
        default -> notAnInstant(key);
      };
    } catch (DateTimeException notAnInstant) {
      return notAnInstant(key);
    }
  }

  private Instant notAnInstant(String key) {
    reject(key, "must be an instant");
    return null;
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
