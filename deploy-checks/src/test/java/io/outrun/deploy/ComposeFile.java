package io.outrun.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml (and override files) read as Compose v2 reads them: YAML anchors and merge
 * keys, {@code ${VARIABLE}} interpolation ({@code :-}, {@code -}, {@code :?}, {@code ?}, {@code
 * $$}), later files merged over earlier ones (mappings key by key, everything else replaced).
 */
final class ComposeFile {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  private final Map<String, Object> model;
  private final Set<String> variablesUsed;

  private ComposeFile(Map<String, Object> model, Set<String> variablesUsed) {
    this.model = model;
    this.variablesUsed = variablesUsed;
  }

  /**
   * @param variables the values Compose would take from the shell and {@code .env}
   */
  static ComposeFile read(Map<String, String> variables, List<String> texts) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Set<String> used = new LinkedHashSet<>();
    for (String text : texts) {
      Object interpolated = interpolate(Yamls.documents(text).getFirst(), variables, used);
      merge(merged, Yamls.asMap(interpolated));
    }
    return new ComposeFile(merged, used);
  }

  static ComposeFile read(Map<String, String> variables, Path... files) {
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      try {
        texts.add(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return read(variables, texts);
  }

  Set<String> variablesUsed() {
    return variablesUsed;
  }

  Map<String, Object> model() {
    return model;
  }

  Map<String, Map<String, Object>> services() {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    Yamls.map(model, "services")
        .forEach((name, service) -> services.put(name, Yamls.asMap(service)));
    return services;
  }

  /** Outrun's services: the ones built from a module (build arg SERVICE), by compose name. */
  Map<String, OutrunService> outrunServices() {
    Map<String, OutrunService> outrun = new LinkedHashMap<>();
    services()
        .forEach(
            (name, service) -> {
              String module = Yamls.string(service, "build", "args", "SERVICE");
              if (module != null) {
                outrun.put(
                    name,
                    new OutrunService(
                        name,
                        module,
                        "dev".equals(Yamls.string(service, "build", "target")),
                        environment(service)));
              }
            });
    return outrun;
  }

  /**
   * @param devImage built with {@code --target dev}: the service's jar plus dev-auth
   */
  record OutrunService(
      String name, String module, boolean devImage, Map<String, String> environment) {}

  /** A service's environment, from either of Compose's two forms (mapping or NAME=value list). */
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object declared = service.get("environment");
    if (declared instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else if (declared instanceof List<?> list) {
      for (Object entry : list) {
        String[] pair = String.valueOf(entry).split("=", 2);
        env.put(pair[0], pair.length == 2 ? pair[1] : null);
      }
    }
    return env;
  }

  private static Object interpolate(Object node, Map<String, String> variables, Set<String> used) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> result = new LinkedHashMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), interpolate(v, variables, used)));
      return result;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(v -> interpolate(v, variables, used)).toList();
    }
    if (node instanceof String text) {
      return substitute(text, variables, used);
    }
    return node;
  }

  private static String substitute(String text, Map<String, String> variables, Set<String> used) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement;
      if (matcher.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = matcher.group(1);
        used.add(name);
        String value = variables.get(name);
        String operator = matcher.group(2);
        boolean missing =
            operator != null && operator.startsWith(":") ? isEmpty(value) : value == null;
        if (missing && operator != null && operator.endsWith("?")) {
          throw new IllegalArgumentException(
              "required variable " + name + " is missing: " + matcher.group(3));
        }
        replacement = missing && operator != null ? matcher.group(3) : value == null ? "" : value;
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    from.forEach(
        (key, value) -> {
          Object existing = into.get(key);
          if (existing instanceof Map<?, ?> && value instanceof Map<?, ?>) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
            merge(copy, (Map<String, Object>) value);
            into.put(key, copy);
          } else {
            into.put(key, value);
          }
        });
  }
}
