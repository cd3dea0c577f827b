package io.outrun.api.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists and scalars as JSON text, including what a hostile client writes and
 * a JSON library would not: every surrogate is written as a {@code \\uXXXX} escape (so a lone one
 * reaches the server as such), a {@link Raw} value is written as given, and a {@link Twice} map
 * repeats its first key.
 */
final class JsonText {

  /** JSON text written verbatim. */
  record Raw(String text) {}

  /** An object whose first key is written twice. */
  static final class Twice extends LinkedHashMap<String, Object> {
    Twice(Map<String, Object> entries) {
      super(entries);
    }
  }

  private JsonText() {}

  static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case Raw raw -> out.append(raw.text());
      case String text -> string(text, out);
      case Map<?, ?> map -> object(map, out);
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(list.get(i), out);
        }
        out.append(']');
      }
      default -> out.append(value);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      if (first && map instanceof Twice) {
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
        out.append(',');
      }
      first = false;
      string(String.valueOf(entry.getKey()), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
