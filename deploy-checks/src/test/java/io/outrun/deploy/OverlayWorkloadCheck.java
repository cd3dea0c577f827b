package io.outrun.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * How a rendered overlay runs each service: probes on existing health groups on the management port
 * (which no Service exposes), resources, one autoscaler and a PodDisruptionBudget each, a preStop
 * pause, a runner grace period above its shutdown grace, spread over nodes and zones.
 */
final class OverlayWorkloadCheck {

  /**
   * What the runner needs after its shutdown grace: closing Kafka and MongoDB, releasing leases.
   */
  static final Duration RUNNER_CLOSE_MARGIN = Duration.ofSeconds(15);

  private static final Pattern HEALTH_GROUP =
      Pattern.compile("MANAGEMENT_ENDPOINT_HEALTH_GROUP_([A-Z0-9]+)_INCLUDE");

  private final Manifests manifests;
  private final Map<String, Set<String>> secrets;
  private final List<String> problems = new ArrayList<>();

  OverlayWorkloadCheck(Manifests manifests, Map<String, Set<String>> secrets) {
    this.manifests = manifests;
    this.secrets = secrets;
  }

  List<String> problems() {
    for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
      Map<String, Object> container = Manifests.container(deployment);
      String where = manifests.overlay() + " " + Manifests.name(deployment);
      Map<String, String> env =
          ContainerEnvironment.of(container, manifests, secrets, new ArrayList<>()).values();
      String image = (String) container.get("image");
      if (image == null || !image.contains(":") || image.endsWith(":latest")) {
        problems.add(where + ": image " + image + " is not pinned to a tag");
      }
      probes(where, container, env);
      resources(where, container);
      scaling(where, deployment, env);
      shutdown(where, deployment, container, env);
      if (Manifests.podSpec(deployment).get("topologySpreadConstraints") == null
          && Yamls.at(Manifests.podSpec(deployment), "affinity", "podAntiAffinity") == null) {
        problems.add(where + ": no topologySpreadConstraints or podAntiAffinity");
      }
    }
    return problems;
  }

  private void probes(String where, Map<String, Object> container, Map<String, String> env) {
    String port = env.get("MANAGEMENT_SERVER_PORT");
    if (port == null) {
      problems.add(
          where + ": MANAGEMENT_SERVER_PORT is not set: actuator would share the API port");
      return;
    }
    boolean declared =
        Yamls.maps(container, "ports").stream()
            .anyMatch(
                p ->
                    "management".equals(p.get("name"))
                        && port.equals(Yamls.string(p, "containerPort")));
    if (!declared) {
      problems.add(where + ": no container port named management on " + port);
    }
    Set<String> groups = healthGroups(env);
    probe(where, container, "startupProbe", groups, port);
    String liveness = probe(where, container, "livenessProbe", groups, port);
    String readiness = probe(where, container, "readinessProbe", groups, port);
    if (liveness != null && !liveness.equals("liveness")) {
      problems.add(where + ": livenessProbe must ask the liveness group, not " + liveness);
    }
    if ("liveness".equals(readiness)) {
      problems.add(where + ": readinessProbe asks the liveness group");
    }
    for (Map<String, Object> service : manifests.ofKind("Service")) {
      for (Map<String, Object> servicePort : Yamls.maps(service, "spec", "ports")) {
        String target = Yamls.string(servicePort, "targetPort");
        if ("management".equals(target) || port.equals(target)) {
          problems.add(
              manifests.overlay() + ": Service " + Manifests.name(service) + " exposes actuator");
        }
      }
    }
  }

  /** The health groups the service has: Boot's probe groups when enabled, and configured ones. */
  private static Set<String> healthGroups(Map<String, String> env) {
    Set<String> groups = new TreeSet<>();
    if ("true".equalsIgnoreCase(env.get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED"))) {
      groups.addAll(List.of("liveness", "readiness"));
    }
    for (String variable : env.keySet()) {
      Matcher group = HEALTH_GROUP.matcher(variable);
      if (group.matches()) {
        groups.add(group.group(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return groups;
  }

  /** Checks one probe; returns the health group it asks, or null. */
  private String probe(
      String where, Map<String, Object> container, String kind, Set<String> groups, String port) {
    Map<String, Object> get = Yamls.map(container, kind, "httpGet");
    if (get.isEmpty()) {
      problems.add(where + ": no " + kind + " over HTTP");
      return null;
    }
    String path = Yamls.string(get, "path");
    String group = path != null && path.startsWith("/actuator/health/") ? path.substring(17) : null;
    if (group == null || !groups.contains(group)) {
      problems.add(where + ": " + kind + " asks " + path + "; the health groups are " + groups);
    }
    String probePort = Yamls.string(get, "port");
    if (!"management".equals(probePort) && !port.equals(probePort)) {
      problems.add(where + ": " + kind + " asks port " + probePort + ", not the management port");
    }
    return group;
  }

  private void resources(String where, Map<String, Object> container) {
    for (String[] path :
        List.of(
            new String[] {"requests", "cpu"},
            new String[] {"requests", "memory"},
            new String[] {"limits", "memory"})) {
      if (Yamls.string(container, "resources", path[0], path[1]) == null) {
        problems.add(where + ": no resources." + path[0] + "." + path[1]);
      }
    }
  }

  private void scaling(String where, Map<String, Object> deployment, Map<String, String> env) {
    String name = Manifests.name(deployment);
    List<Map<String, Object>> autoscalers =
        manifests.ofKind("HorizontalPodAutoscaler").stream()
            .filter(h -> name.equals(Yamls.string(h, "spec", "scaleTargetRef", "name")))
            .toList();
    if (autoscalers.size() != 1) {
      problems.add(where + ": " + autoscalers.size() + " HorizontalPodAutoscalers, not one");
    } else {
      Map<String, Object> hpa = autoscalers.getFirst();
      int min =
          Integer.parseInt(
              Objects.requireNonNullElse(Yamls.string(hpa, "spec", "minReplicas"), "1"));
      int max = Integer.parseInt(Yamls.string(hpa, "spec", "maxReplicas"));
      String partitions = env.get("OUTRUN_KAFKA_TOPIC_PARTITIONS");
      if (min > max) {
        problems.add(where + ": HPA minReplicas " + min + " > maxReplicas " + max);
      }
      if (name.equals("runner-service")
          && partitions != null
          && max > Integer.parseInt(partitions)) {
        problems.add(where + ": up to " + max + " runners for " + partitions + " partitions");
      }
    }
    boolean budgeted =
        manifests.ofKind("PodDisruptionBudget").stream()
            .anyMatch(
                pdb ->
                    Manifests.selects(
                        Yamls.map(pdb, "spec", "selector"), Manifests.podLabels(deployment)));
    if (!budgeted) {
      problems.add(where + ": no PodDisruptionBudget selects its pods");
    }
  }

  private void shutdown(
      String where,
      Map<String, Object> deployment,
      Map<String, Object> container,
      Map<String, String> env) {
    Object command = Yamls.at(container, "lifecycle", "preStop", "exec", "command");
    String sleep = Yamls.string(container, "lifecycle", "preStop", "sleep", "seconds");
    long preStop =
        command instanceof List<?> c && c.size() == 2 && "sleep".equals(c.get(0))
            ? Long.parseLong(String.valueOf(c.get(1)))
            : sleep != null ? Long.parseLong(sleep) : -1;
    if (preStop < 0) {
      problems.add(where + ": no preStop pause (exec sleep N, or sleep.seconds)");
      return;
    }
    if (!"runner-service".equals(Manifests.name(deployment))) {
      return;
    }
    String configured = env.get("OUTRUN_RUNNER_SHUTDOWN_GRACE");
    Object fallback =
        Catalogs.of("runner-service", false)
            .property("outrun.runner.shutdown-grace")
            .map(PropertyCatalog.Property::defaultValue)
            .orElseThrow();
    Duration grace =
        DurationStyle.detectAndParse(configured != null ? configured : (String) fallback);
    long needed = preStop + grace.toSeconds() + RUNNER_CLOSE_MARGIN.toSeconds();
    String period = Yamls.string(Manifests.podSpec(deployment), "terminationGracePeriodSeconds");
    if (period == null || Long.parseLong(period) < needed) {
      problems.add(
          where
              + ": terminationGracePeriodSeconds "
              + period
              + " < preStop "
              + preStop
              + " s + shutdown grace "
              + grace.toSeconds()
              + " s + "
              + RUNNER_CLOSE_MARGIN.toSeconds()
              + " s to close");
    }
  }
}
