package io.outrun.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The objects one kustomize overlay renders to. */
record Manifests(String overlay, List<Map<String, Object>> objects) {

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  Optional<Map<String, Object>> named(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
  }

  /** The data of ConfigMap {@code name}, or null if the overlay renders none of that name. */
  Map<String, Object> configMapData(String name) {
    return named("ConfigMap", name).map(c -> Yamls.map(c, "data")).orElse(null);
  }

  static String name(Map<String, Object> object) {
    return Yamls.string(object, "metadata", "name");
  }

  /** The Deployment's one container (each Outrun pod runs one). */
  static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers =
        Yamls.maps(deployment, "spec", "template", "spec", "containers");
    if (containers.size() != 1) {
      throw new AssertionError(name(deployment) + " has " + containers.size() + " containers");
    }
    return containers.getFirst();
  }

  static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return Yamls.map(deployment, "spec", "template", "spec");
  }

  static Map<String, Object> podLabels(Map<String, Object> deployment) {
    return Yamls.map(deployment, "spec", "template", "metadata", "labels");
  }

  /** Whether {@code selector} (matchLabels) selects pods labelled {@code labels}. */
  static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    Map<String, Object> match = Yamls.map(selector, "matchLabels");
    return !match.isEmpty()
        && match.entrySet().stream()
            .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), str(labels, e.getKey())));
  }

  private static String str(Map<String, Object> labels, String key) {
    Object value = labels.get(key);
    return value == null ? null : String.valueOf(value);
  }
}
