package io.outrun.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reading YAML documents as plain maps and lists, and walking them without casts everywhere. */
final class Yamls {

  private Yamls() {}

  static List<Map<String, Object>> documents(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml(options).loadAll(text)) {
      if (document != null) {
        documents.add(asMap(document));
      }
    }
    return documents;
  }

  static Map<String, Object> file(Path path) {
    try {
      return documents(Files.readString(path)).getFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Map<String, Object>> files(Path path) {
    try {
      return documents(Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The map at {@code path} under {@code node}, or an empty map. */
  static Map<String, Object> map(Object node, String... path) {
    Object found = at(node, path);
    return found == null ? Map.of() : asMap(found);
  }

  /** The list of maps at {@code path} under {@code node}, or an empty list. */
  static List<Map<String, Object>> maps(Object node, String... path) {
    Object found = at(node, path);
    if (found == null) {
      return List.of();
    }
    return ((List<?>) found).stream().map(Yamls::asMap).toList();
  }

  /** The scalar at {@code path} as a string, or null. */
  static String string(Object node, String... path) {
    Object found = at(node, path);
    return found == null ? null : String.valueOf(found);
  }

  static Object at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object node) {
    return (Map<String, Object>) Objects.requireNonNull(node);
  }
}
