package io.outrun.service;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * User JSON (webhook bodies, run input, node data, step inputs and outputs) as it is stored inside
 * Outrun's MongoDB documents. Such JSON may have any key, and MongoDB cannot take every key: a NUL
 * cannot be stored at all, a key starting with {@code $} is read as an operator by updates, a dot
 * as a path, and an empty key is refused by some servers. So every key is escaped on the way in
 * ({@link #toStored}) and unescaped on the way out ({@link #fromStored}); values are left alone (a
 * string may hold any character).
 *
 * <p>The escaping is percent-style and touches only what must change: {@code %} becomes {@code
 * %25}, NUL {@code %00}, a dot {@code %2E}, a leading {@code $} {@code %24}, and the empty key is
 * stored as {@code %}. Keys without these characters, nearly all of them, are stored as they are,
 * and a document without any such key is returned as the same instance (no copy). Unescaping
 * decodes only those four sequences, so a key stored before this rule existed reads back as it was
 * unless it happened to contain one of them.
 *
 * <p>Numbers too: JSON numbers have no size, and a JSON parser gives those beyond a long as {@link
 * BigInteger} or {@link BigDecimal}, which MongoDB's codecs do not take. They are stored as a long
 * when they are a whole number that fits, else as a double: what a JavaScript engine (or n8n) makes
 * of them.
 */
public final class StoredJson {

  private static final String EMPTY_KEY = "%";

  private StoredJson() {}

  /** {@code json} with every key, at any depth, safe to store. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toStored(Map<String, ?> json) {
    return (Map<String, Object>) toStored((Object) json);
  }

  /** A JSON value (map, list or scalar) with every key, at any depth, safe to store. */
  public static Object toStored(Object json) {
    return convert(json, true);
  }

  /** A stored map as the user wrote it: every key unescaped. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> fromStored(Map<String, ?> stored) {
    return (Map<String, Object>) fromStored((Object) stored);
  }

  /** A stored JSON value as the user wrote it: every key, at any depth, unescaped. */
  public static Object fromStored(Object stored) {
    return convert(stored, false);
  }

  /** The stored form of one key. */
  static String escapeKey(String key) {
    if (key.isEmpty()) {
      return EMPTY_KEY;
    }
    if (!needsEscape(key)) {
      return key;
    }
    StringBuilder escaped = new StringBuilder(key.length() + 8);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      switch (c) {
        case '%' -> escaped.append("%25");
        case '\0' -> escaped.append("%00");
        case '.' -> escaped.append("%2E");
        case '$' -> escaped.append(i == 0 ? "%24" : "$");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** The key a stored key was made from. */
  static String unescapeKey(String stored) {
    if (stored.equals(EMPTY_KEY)) {
      return "";
    }
    int percent = stored.indexOf('%');
    if (percent < 0) {
      return stored;
    }
    StringBuilder key = new StringBuilder(stored.length());
    key.append(stored, 0, percent);
    for (int i = percent; i < stored.length(); i++) {
      int decoded = stored.charAt(i) == '%' ? decode(stored, i) : NOT_AN_ESCAPE;
      if (decoded == NOT_AN_ESCAPE) {
        key.append(stored.charAt(i));
      } else {
        key.append((char) decoded);
        i += 2;
      }
    }
    return key.toString();
  }

  private static final int NOT_AN_ESCAPE = -1;

  /** The character the {@code %XX} at {@code i} stands for, or {@link #NOT_AN_ESCAPE}. */
  private static int decode(String stored, int i) {
    if (i + 3 > stored.length()) {
      return NOT_AN_ESCAPE;
    }
    return switch (stored.substring(i + 1, i + 3)) {
      case "25" -> '%';
      case "00" -> '\0';
      case "2E" -> '.';
      case "24" -> i == 0 ? '$' : NOT_AN_ESCAPE;
      default -> NOT_AN_ESCAPE;
    };
  }

  private static boolean needsEscape(String key) {
    if (key.charAt(0) == '$') {
      return true;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '%' || c == '\0' || c == '.') {
        return true;
      }
    }
    return false;
  }

  private static boolean needsUnescape(String key) {
    return key.indexOf('%') >= 0;
  }

  /** {@code value} converted, or the same instance when no key inside it changes. */
  private static Object convert(Object value, boolean toStored) {
    return switch (value) {
      case Map<?, ?> map -> convertMap(map, toStored);
      case List<?> items -> convertList(items, toStored);
      case BigInteger whole when toStored ->
          whole.bitLength() < Long.SIZE ? (Object) whole.longValue() : whole.doubleValue();
      case BigDecimal decimal when toStored -> storedDecimal(decimal);
      case null, default -> value;
    };
  }

  private static Object storedDecimal(BigDecimal decimal) {
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException notAWholeLong) {
      return decimal.doubleValue();
    }
  }

  private static Object convertMap(Map<?, ?> map, boolean toStored) {
    Map<String, Object> copy = null;
    int index = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      boolean keyChanges = toStored ? key.isEmpty() || needsEscape(key) : needsUnescape(key);
      Object item = convert(entry.getValue(), toStored);
      if (copy == null && (keyChanges || item != entry.getValue())) {
        copy = copyOfFirst(map, index);
      }
      if (copy != null) {
        copy.put(keyChanges ? (toStored ? escapeKey(key) : unescapeKey(key)) : key, item);
      }
      index++;
    }
    return copy == null ? map : copy;
  }

  private static Map<String, Object> copyOfFirst(Map<?, ?> map, int count) {
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, map.size() * 2));
    int index = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (index++ == count) {
        break;
      }
      copy.put(String.valueOf(entry.getKey()), entry.getValue());
    }
    return copy;
  }

  private static Object convertList(List<?> items, boolean toStored) {
    List<Object> copy = null;
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      Object converted = convert(item, toStored);
      if (copy == null && converted != item) {
        copy = new ArrayList<>(items.subList(0, i));
      }
      if (copy != null) {
        copy.add(converted);
      }
    }
    return copy == null ? items : copy;
  }
}
