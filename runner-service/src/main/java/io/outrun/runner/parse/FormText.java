package io.outrun.runner.parse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} (UTF-8) as an object: {@code a=1&b=x+y} is {@code {"a":
 * "1", "b": "x y"}}, a repeated name gives an array of its values in order, a name without {@code
 * =} the empty string. A bad percent escape is refused, naming the pair.
 */
final class FormText {

  private FormText() {}

  static ParseOutcome parse(String text) {
    Map<String, Object> output = new LinkedHashMap<>();
    String[] pairs = text.strip().split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        add(output, decode(name), decode(value));
      } catch (IllegalArgumentException e) {
        return new ParseOutcome.Refused(
            "form pair " + (i + 1) + " ('" + shown(pair) + "'): " + e.getMessage());
      }
    }
    return new ParseOutcome.Parsed(output);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> output, String name, String value) {
    Object earlier = output.get(name);
    if (earlier == null) {
      output.put(name, value);
    } else if (earlier instanceof List<?> list) {
      ((List<Object>) list).add(value);
    } else {
      List<Object> values = new ArrayList<>();
      values.add(earlier);
      values.add(value);
      output.put(name, values);
    }
  }

  private static String shown(String pair) {
    return pair.length() > 40 ? pair.substring(0, 40) + "..." : pair;
  }
}
