package io.outrun.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class QueriesTest {

  @Test
  void anAlertsMeasureIsItsExpressionWithoutTheFinalComparison() {
    assertThat(Queries.measure("sum(rate(x_total[5m])) / sum(rate(y_total[5m])) > 0.2"))
        .isEqualTo("sum(rate(x_total[5m])) / sum(rate(y_total[5m]))");
    assertThat(Queries.measure("up{job=~\"a|b\"} == 0")).isEqualTo("up{job=~\"a|b\"}");
    assertThatThrownBy(() -> Queries.measure("absent(up)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyAlertHasAMeasure() {
    assertThat(Queries.alertMeasures(PrometheusTools.RULES)).hasSizeGreaterThanOrEqualTo(9);
  }

  @Test
  void grafanaVariablesAreFilledAsForAllServicesAndInstances() {
    assertThat(
            Queries.substitute(
                "rate(x{job=~\"$service\",instance=~\"$instance\"}[$__rate_interval])"))
        .isEqualTo("rate(x{job=~\".*\",instance=~\".*\"}[1m])");
  }

  @Test
  void everyPanelHasAUnitADescriptionAndFiltersByServiceAndInstance() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    List<java.nio.file.Path> files;
    try (var list = java.nio.file.Files.list(PrometheusTools.DASHBOARDS)) {
      files = list.filter(file -> file.toString().endsWith(".json")).toList();
    }
    assertThat(files).hasSize(3);
    for (java.nio.file.Path file : files) {
      JsonNode dashboard = json.readTree(file.toFile());
      assertThat(dashboard.path("templating").path("list").findValuesAsString("name"))
          .contains("service", "instance");
      for (JsonNode panel : dashboard.path("panels")) {
        String where = file.getFileName() + " / " + panel.path("title").asString();
        assertThat(panel.path("description").asString()).as(where).isNotBlank();
        assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString())
            .as(where)
            .isNotBlank();
        for (JsonNode target : panel.path("targets")) {
          assertThat(target.path("expr").asString())
              .as(where)
              .contains("job=~\"$service\"", "instance=~\"$instance\"");
        }
      }
    }
  }
}
