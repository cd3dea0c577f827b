package io.outrun.triggers;

import java.util.regex.Pattern;

/**
 * A webhook's readable address within its workspace ({@code orders/new}): one to {@value
 * #MAX_SEGMENTS} segments of lower-case letters, digits, {@code -} and {@code _}, each starting
 * with a letter or digit, joined by {@code /}, at most {@value #MAX_LENGTH} characters. A leading
 * or trailing {@code /} is dropped. Lower case only, so two paths that differ by case cannot both
 * exist and be confused. Pure.
 */
public final class WebhookPath {

  public static final int MAX_LENGTH = 200;
  public static final int MAX_SEGMENTS = 8;

  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private WebhookPath() {}

  /** The path as stored, or null if {@code text} is not one. */
  public static String normalized(String text) {
    String path = strip(text);
    if (path.isEmpty() || path.length() > MAX_LENGTH) {
      return null;
    }
    String[] segments = path.split("/", -1);
    if (segments.length > MAX_SEGMENTS) {
      return null;
    }
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        return null;
      }
    }
    return path;
  }

  static String rule() {
    return "must be 1 to "
        + MAX_SEGMENTS
        + " segments of a-z, 0-9, - and _ joined by / (each starting with a letter or digit, at"
        + " most 64 characters), at most "
        + MAX_LENGTH
        + " characters";
  }

  private static String strip(String text) {
    String path = text.strip();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }
}
