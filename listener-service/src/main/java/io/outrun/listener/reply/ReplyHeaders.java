package io.outrun.listener.reply;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers a {@code respond} node may set: none of the hop-by-hop headers (RFC 9110 7.6.1) or
 * those the server frames the answer with ({@code Content-Length}, {@code Transfer-Encoding}), no
 * {@code Set-Cookie} unless configured, only token names and values without control characters (no
 * header injection). Pure.
 */
final class ReplyHeaders {

  static final int MAX_HEADERS = 50;
  static final int MAX_VALUE_LENGTH = 4096;

  private static final Set<String> REFUSED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length",
          "host",
          "date",
          "server");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");

  private ReplyHeaders() {}

  static Map<String, String> safe(Map<String, String> headers, boolean allowSetCookie) {
    Map<String, String> safe = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (safe.size() < MAX_HEADERS && allowed(name, value, allowSetCookie)) {
            safe.put(name, value);
          }
        });
    return safe;
  }

  private static boolean allowed(String name, String value, boolean allowSetCookie) {
    if (name == null || value == null || !TOKEN.matcher(name).matches()) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (REFUSED.contains(lower) || (lower.equals("set-cookie") && !allowSetCookie)) {
      return false;
    }
    return value.length() <= MAX_VALUE_LENGTH && !CONTROL.matcher(value).find();
  }
}
