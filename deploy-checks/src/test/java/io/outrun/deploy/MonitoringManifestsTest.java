package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What production's monitoring renders to is what compose and observability-checks prove: the
 * Grafana dashboards ConfigMap holds the repository's dashboard files byte for byte, and the
 * PrometheusRule holds the promtool-tested rule file's groups.
 */
class MonitoringManifestsTest {

  private static final Path RULES = Repository.file("deploy/prometheus/rules/outrun-alerts.yml");
  private static final Path RULE_MANIFEST = Repository.file("k8s/monitoring/prometheus-rule.yaml");
  private static final Path DASHBOARDS = Repository.file("deploy/grafana/dashboards");

  @Test
  void productionShipsEveryDashboardFileToGrafanasSidecar() throws IOException {
    Map<String, Object> configMap =
        KustomizeOverlaysTest.rendered(KustomizeOverlaysTest.PROD)
            .named("ConfigMap", "outrun-grafana-dashboards")
            .orElseThrow();

    assertThat(Yamls.map(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
    Map<String, Object> data = Yamls.map(configMap, "data");
    try (var files = Files.list(DASHBOARDS)) {
      List<Path> dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
      assertThat(dashboards).hasSize(3);
      assertThat(data).hasSameSizeAs(dashboards);
      for (Path dashboard : dashboards) {
        assertThat(data.get(dashboard.getFileName().toString()))
            .as(dashboard.getFileName().toString())
            .isEqualTo(Files.readString(dashboard));
        new ObjectMapper().readTree(Files.readString(dashboard));
      }
    }
  }

  @Test
  void productionAlertsWithExactlyTheTestedRuleFile() throws IOException {
    Map<String, Object> rule =
        KustomizeOverlaysTest.rendered(KustomizeOverlaysTest.PROD)
            .named("PrometheusRule", "outrun")
            .orElseThrow();

    Object expected = Yamls.file(RULES).get("groups");
    if (!expected.equals(Yamls.at(rule, "spec", "groups"))) {
      Path regenerated = Repository.buildDirectory().resolve("prometheus-rule.yaml");
      Files.writeString(regenerated, regenerate(expected));
      throw new AssertionError(
          Repository.root().relativize(RULE_MANIFEST)
              + " does not hold the groups of "
              + Repository.root().relativize(RULES)
              + ". A regenerated copy is at "
              + regenerated
              + ": copy it over the manifest.");
    }
  }

  /** The manifest as it should be: its own comment header, then the rule file's groups. */
  private static String regenerate(Object groups) throws IOException {
    String current = Files.readString(RULE_MANIFEST);
    StringBuilder header = new StringBuilder();
    for (String line : current.split("\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      header.append(line).append('\n');
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("apiVersion", "monitoring.coreos.com/v1");
    manifest.put("kind", "PrometheusRule");
    manifest.put(
        "metadata",
        Map.of("name", "outrun", "labels", Map.of("app.kubernetes.io/part-of", "outrun")));
    manifest.put("spec", Map.of("groups", groups));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(100);
    return header + new Yaml(options).dump(manifest);
  }
}
