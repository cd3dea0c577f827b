package io.outrun.service.secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a step may keep of what it saw: its input as configured (a string that names a secret keeps
 * its template, never the resolved value), sensitive headers ({@link #SENSITIVE_HEADERS}) of its
 * input and output as {@value #MASK} unless written as a template, and every occurrence of a
 * resolved secret value anywhere in input, output or error text replaced by {@value #MASK}. Pure.
 */
public final class SecretMask {

  public static final String MASK = "***";

  /** Headers whose values are credentials whatever their source (lower case). */
  public static final Set<String> SENSITIVE_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

  /** Masks no values (sensitive headers are still masked). */
  public static final SecretMask NONE = new SecretMask(List.of());

  private static final int MAX_DEPTH = 256;

  private final List<String> values;

  private SecretMask(List<String> values) {
    this.values = values;
  }

  /** A mask for these secret values (longest first, so a value inside another is not split). */
  public static SecretMask of(Collection<String> values) {
    List<String> sorted =
        values.stream()
            .filter(value -> value != null && !value.isEmpty())
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    return sorted.isEmpty() ? NONE : new SecretMask(sorted);
  }

  /** {@code text} with every secret value replaced; null stays null. */
  public String text(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String value : values) {
      masked = masked.replace(value, MASK);
    }
    return masked;
  }

  /**
   * {@code value} (JSON-like: maps, lists, scalars) with every secret value in keys and strings.
   */
  public Object value(Object value) {
    return value(value, 0);
  }

  /**
   * The input to record for a step: {@code resolved}, except that a string {@code written} (the
   * node's configuration) holds a secret reference in stays as written, and sensitive headers are
   * masked unless written as a template; then every secret value masked.
   */
  public Map<String, Object> input(Map<String, Object> written, Map<String, Object> resolved) {
    if (resolved == null) {
      return null;
    }
    Object merged = values.isEmpty() ? resolved : asWritten(written, resolved, 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> input = (Map<String, Object>) merged;
    Object writtenHeaders = written == null ? null : written.get("headers");
    return asMap(value(headers(input, writtenHeaders)));
  }

  /** The output to record: sensitive response headers and every secret value masked. */
  public Object output(Object output) {
    if (output instanceof Map<?, ?> map) {
      return value(headers(map, null));
    }
    return value(output);
  }

  private Object value(Object value, int depth) {
    if (depth > MAX_DEPTH || values.isEmpty()) {
      return value;
    }
    return switch (value) {
      case String text -> text(text);
      case Map<?, ?> map -> {
        Map<String, Object> masked = new LinkedHashMap<>();
        map.forEach((key, item) -> masked.put(text(String.valueOf(key)), value(item, depth + 1)));
        yield masked;
      }
      case List<?> items -> {
        List<Object> masked = new ArrayList<>(items.size());
        items.forEach(item -> masked.add(value(item, depth + 1)));
        yield masked;
      }
      case null, default -> value;
    };
  }

  private static Object asWritten(Object written, Object resolved, int depth) {
    if (depth > MAX_DEPTH) {
      return resolved;
    }
    if (written instanceof String text && !SecretReferences.scan(text).names().isEmpty()) {
      return text;
    }
    if (written instanceof Map<?, ?> configured && resolved instanceof Map<?, ?> map) {
      Map<String, Object> merged = new LinkedHashMap<>();
      map.forEach(
          (key, item) ->
              merged.put(String.valueOf(key), asWritten(configured.get(key), item, depth + 1)));
      return merged;
    }
    if (written instanceof List<?> configured
        && resolved instanceof List<?> items
        && configured.size() == items.size()) {
      List<Object> merged = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        merged.add(asWritten(configured.get(i), items.get(i), depth + 1));
      }
      return merged;
    }
    return resolved;
  }

  /** {@code holder} with its {@code headers} map's sensitive entries masked. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> headers(Map<?, ?> holder, Object writtenHeaders) {
    if (!(holder.get("headers") instanceof Map<?, ?> present)
        || present.keySet().stream().noneMatch(SecretMask::isSensitive)) {
      return (Map<String, Object>) holder;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    holder.forEach((key, item) -> copy.put(String.valueOf(key), item));
    if (copy.get("headers") instanceof Map<?, ?> headers) {
      Map<String, Object> masked = new LinkedHashMap<>();
      headers.forEach(
          (name, item) -> {
            String key = String.valueOf(name);
            masked.put(key, isSensitive(key) ? sensitive(item, writtenHeaders, key) : item);
          });
      copy.put("headers", masked);
    }
    return copy;
  }

  private static boolean isSensitive(Object headerName) {
    return SENSITIVE_HEADERS.contains(String.valueOf(headerName).toLowerCase(Locale.ROOT));
  }

  /** A template as written shows no credential; anything else is masked. */
  private static Object sensitive(Object item, Object writtenHeaders, String name) {
    if (writtenHeaders instanceof Map<?, ?> written
        && written.get(name) instanceof String template
        && template.equals(item)
        && template.contains("{{")) {
      return template;
    }
    return item instanceof List<?> list ? list.stream().map(any -> MASK).toList() : MASK;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  @Override
  public String toString() {
    return "SecretMask[" + values.size() + " values]";
  }
}
