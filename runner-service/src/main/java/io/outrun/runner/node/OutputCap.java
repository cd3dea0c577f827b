package io.outrun.runner.node;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps what a step stores as its output at {@value #MAX_BYTES} bytes of JSON. Pure; the HTTP nodes
 * apply it to their own outputs, and the engine may apply it to every step output before storing it
 * ({@code OutputCap.cap(output)} is a no-op for outputs within the cap).
 *
 * <p>An output within the cap is returned as is. A larger map with a {@code body} (the HTTP nodes'
 * {@code {status, headers, body}}) keeps its other fields, gets its body cut to a string prefix and
 * {@code truncated: true}. Anything else larger becomes {@code {truncated: true, originalBytes,
 * preview}} with {@code preview} a prefix of its JSON text.
 */
public final class OutputCap {

  public static final int MAX_BYTES = 256 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Room for the field names and punctuation the capped forms add. */
  private static final int SLACK = 256;

  private OutputCap() {}

  public static Object cap(Object output) {
    return cap(output, MAX_BYTES);
  }

  public static Object cap(Object output, int maxBytes) {
    byte[] json = JSON.writeValueAsBytes(output);
    if (json.length <= maxBytes) {
      return output;
    }
    if (output instanceof Map<?, ?> map && map.containsKey("body")) {
      Map<String, Object> capped = new LinkedHashMap<>();
      map.forEach((key, value) -> capped.put(String.valueOf(key), key.equals("body") ? "" : value));
      capped.put("truncated", true);
      int budget = maxBytes - JSON.writeValueAsBytes(capped).length - SLACK;
      if (budget > 0) {
        Object body = map.get("body");
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        capped.put("body", fit(text, budget));
        return capped;
      }
    }
    Map<String, Object> capped = new LinkedHashMap<>();
    capped.put("truncated", true);
    capped.put("originalBytes", json.length);
    capped.put("preview", fit(new String(json, StandardCharsets.UTF_8), maxBytes - SLACK));
    return capped;
  }

  /** The longest prefix of {@code text} whose JSON string encoding fits {@code budget} bytes. */
  static String fit(String text, int budget) {
    String cut = utf8Prefix(text, Math.max(0, budget));
    int size;
    while ((size = JSON.writeValueAsBytes(cut).length) > budget && !cut.isEmpty()) {
      int over = size - budget;
      cut = utf8Prefix(cut, Math.max(0, cut.getBytes(StandardCharsets.UTF_8).length - over));
    }
    return cut;
  }

  private static String utf8Prefix(String text, int maxBytes) {
    int bytes = 0;
    int index = 0;
    while (index < text.length()) {
      int codePoint = text.codePointAt(index);
      int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + length > maxBytes) {
        break;
      }
      bytes += length;
      index += Character.charCount(codePoint);
    }
    return text.substring(0, index);
  }
}
