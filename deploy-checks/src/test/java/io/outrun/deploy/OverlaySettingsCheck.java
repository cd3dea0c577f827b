package io.outrun.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rendered overlay tells each service: every variable names a property the service reads,
 * every ConfigMap is read by someone, every Secret is in the template, and (production) every
 * required property is set while none of the forbidden ones is.
 */
final class OverlaySettingsCheck {

  private final Manifests manifests;
  private final Map<String, Set<String>> secrets;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> secretKeysRead = new HashSet<>();

  OverlaySettingsCheck(Manifests manifests, Map<String, Set<String>> secrets) {
    this.manifests = manifests;
    this.secrets = secrets;
  }

  /** Every problem found, each naming the overlay, the service and the key. */
  List<String> problems(boolean production) {
    Set<String> configMapsRead = new HashSet<>();
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> container = Manifests.container(deployment);
      String service = (String) container.get("name");
      String where = manifests.overlay() + " " + service;
      if (!Catalogs.SERVICES.contains(service)) {
        problems.add(where + ": a container named for no Outrun service");
        continue;
      }
      ContainerEnvironment env = ContainerEnvironment.of(container, manifests, secrets, problems);
      PropertyCatalog catalog = Catalogs.of(service, false);
      problems.addAll(EnvironmentCheck.unread(where, service, env.values().keySet(), catalog));
      if (production) {
        problems.addAll(ProductionRequirements.problems(where, service, properties(env, catalog)));
      }
      secretKeysRead.addAll(env.secretRefs().values());
      configMapsRead.addAll(configMapsNamed(container));
    }
    for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
      if (!configMapsRead.contains(Manifests.name(configMap)) && !forGrafana(configMap)) {
        problems.add(
            manifests.overlay()
                + ": ConfigMap "
                + Manifests.name(configMap)
                + " is read by no one");
      }
    }
    return problems;
  }

  /** {@code secret/key} of every Secret key a container reads (after {@link #problems}). */
  Set<String> secretKeysRead() {
    return secretKeysRead;
  }

  private static Map<String, String> properties(ContainerEnvironment env, PropertyCatalog catalog) {
    Map<String, String> properties = new LinkedHashMap<>();
    env.values()
        .forEach(
            (variable, value) ->
                catalog
                    .propertyOf(variable)
                    .filter(p -> PropertyCatalog.binds(variable, p.name()))
                    .ifPresent(p -> properties.put(p.name(), value)));
    return properties;
  }

  private static Set<String> configMapsNamed(Map<String, Object> container) {
    Set<String> names = new HashSet<>();
    Yamls.maps(container, "envFrom").stream()
        .map(from -> Yamls.string(from, "configMapRef", "name"))
        .filter(name -> name != null)
        .forEach(names::add);
    Yamls.maps(container, "env").stream()
        .map(env -> Yamls.string(env, "valueFrom", "configMapKeyRef", "name"))
        .filter(name -> name != null)
        .forEach(names::add);
    return names;
  }

  /**
   * Dashboards for Grafana's sidecar (k8s/monitoring): read by Grafana, not by an Outrun service.
   */
  private static boolean forGrafana(Map<String, Object> configMap) {
    Object labels = Yamls.at(configMap, "metadata", "labels");
    return labels instanceof Map<?, ?> map && "1".equals(map.get("grafana_dashboard"));
  }
}
