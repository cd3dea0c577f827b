package io.outrun.observability;

import static io.outrun.observability.PrometheusTools.promtool;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** deploy/prometheus as promtool reads it: the config, the alert rules and their unit tests. */
class PromtoolTest {

  @Test
  void theScrapeConfigIsValid() {
    PrometheusTools.Result result =
        promtool(null, "check", "config", PrometheusTools.CONFIG.toString());

    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void theAlertRulesAreValid() {
    PrometheusTools.Result result =
        promtool(null, "check", "rules", PrometheusTools.RULES.toString());

    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void theAlertRulesPassTheirUnitTests() {
    PrometheusTools.Result result =
        promtool(null, "test", "rules", PrometheusTools.RULE_TESTS.toString());

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void aBrokenRuleUnitTestFails() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rules-test");
    java.nio.file.Path broken = dir.resolve("broken.test.yml");
    java.nio.file.Files.writeString(
        broken,
        java.nio.file.Files.readString(PrometheusTools.RULE_TESTS)
            .replace("../rules/outrun-alerts.yml", PrometheusTools.RULES.toString())
            .replace("values: \"1 1 0 0 0 0\"", "values: \"1 1 1 1 1 1\""));

    assertThat(promtool(null, "test", "rules", broken.toString()).ok())
        .as("the service-down test expects an alert that no longer fires")
        .isFalse();
  }
}
