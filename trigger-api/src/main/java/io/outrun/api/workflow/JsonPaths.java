package io.outrun.api.workflow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON Pointers (RFC 6901) at which two JSON values differ, deepest first reached: objects are
 * compared key by key, arrays index by index (a longer array adds its extra indexes), numbers by
 * value ({@code 1} equals {@code 1.0}); anything else that differs is reported at its own path. A
 * missing key and a null one are different.
 */
final class JsonPaths {

  private JsonPaths() {}

  static List<String> differences(Object before, Object after) {
    List<String> paths = new ArrayList<>();
    collect("", before, after, paths);
    return paths;
  }

  private static void collect(String path, Object before, Object after, List<String> paths) {
    if (before instanceof Map<?, ?> was && after instanceof Map<?, ?> is) {
      Set<Object> keys = new LinkedHashSet<>(was.keySet());
      keys.addAll(is.keySet());
      for (Object key : keys) {
        String child = path + "/" + escape(String.valueOf(key));
        if (was.containsKey(key) != is.containsKey(key)) {
          paths.add(child);
        } else {
          collect(child, was.get(key), is.get(key), paths);
        }
      }
    } else if (before instanceof List<?> was && after instanceof List<?> is) {
      for (int i = 0; i < Math.max(was.size(), is.size()); i++) {
        if (i >= was.size() || i >= is.size()) {
          paths.add(path + "/" + i);
        } else {
          collect(path + "/" + i, was.get(i), is.get(i), paths);
        }
      }
    } else if (!same(before, after)) {
      paths.add(path);
    }
  }

  private static boolean same(Object before, Object after) {
    if (before instanceof Number was && after instanceof Number is) {
      try {
        return new BigDecimal(was.toString()).compareTo(new BigDecimal(is.toString())) == 0;
      } catch (NumberFormatException notFinite) {
        return was.equals(is);
      }
    }
    return Objects.equals(before, after);
  }

  /** RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
