package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and docker-compose.dev.yml, read as Compose v2 reads them. */
class ComposeFileTest {

  @Test
  void productionComposeSetsOnlyWhatTheServicesReadAndStartsInOrder() {
    assertThat(new ComposeCheck(ComposeFiles.production()).problems()).isEmpty();
  }

  @Test
  void devComposeSetsOnlyWhatTheServicesReadAndStartsInOrder() {
    assertThat(new ComposeCheck(ComposeFiles.dev()).problems()).isEmpty();
  }

  @Test
  void prometheusScrapesEachServicesManagementPortAndGrafanaReadsTheRepositorysDashboards() {
    assertThat(new MonitoringCheck(ComposeFiles.production()).problems()).isEmpty();
    assertThat(new MonitoringCheck(ComposeFiles.dev()).problems()).isEmpty();
  }

  @Test
  void aScrapeTargetOnTheApiPortOrAMissingMountFailsTheMonitoringCheck() throws IOException {
    String broken =
        Files.readString(ComposeFiles.COMPOSE)
            .replace("./deploy/grafana/dashboards:", "./deploy/grafana/dashboard:")
            .replace("MANAGEMENT_SERVER_PORT: \"9090\"", "MANAGEMENT_SERVER_PORT: \"9091\"");

    List<String> problems =
        new MonitoringCheck(ComposeFile.read(ComposeFiles.filledInEnv(), List.of(broken)))
            .problems();

    assertThat(problems)
        .anyMatch(p -> p.contains("mounts ./deploy/grafana/dashboard, which does not exist"))
        .anyMatch(p -> p.startsWith("prometheus.yml scrapes"))
        .anyMatch(p -> p.contains("does not mount ./deploy/grafana/dashboards"));
  }

  @Test
  void everyVariableTheComposeFilesUseIsInEnvExampleAndNoOtherIs() {
    assertThat(ComposeFiles.dev().variablesUsed())
        .containsExactlyInAnyOrderElementsOf(DotEnv.read(ComposeFiles.ENV_EXAMPLE).keySet());
  }

  @Test
  void composeRefusesToStartWithoutTheKeysEnvExampleAsksFor() {
    Map<String, String> env = new HashMap<>(ComposeFiles.filledInEnv());
    env.put("OUTRUN_AUTH_JWT_HMAC_SECRET", "");

    assertThatThrownBy(() -> ComposeFile.read(env, ComposeFiles.COMPOSE))
        .hasMessageContaining("OUTRUN_AUTH_JWT_HMAC_SECRET");
  }

  @Test
  void theReplicaSetIsInitiatedByAOneShotServiceTheOutrunServicesWaitFor() {
    ComposeFile compose = ComposeFiles.production();

    assertThat(new ComposeCheck(compose).oneShot("mongo-init")).isTrue();
    assertThat(Yamls.string(compose.services().get("mongo-init"), "restart")).isEqualTo("no");
    compose
        .outrunServices()
        .keySet()
        .forEach(
            name ->
                assertThat(Yamls.map(compose.services().get(name), "depends_on"))
                    .containsKeys("kafka", "mongo-init"));
  }

  @Test
  void onlyTheDevFileGivesTriggerApiDevTokensAndOnlyItsDevImageHoldsDevAuth() {
    ComposeFile.OutrunService production =
        ComposeFiles.production().outrunServices().get("trigger-api");
    ComposeFile.OutrunService dev = ComposeFiles.dev().outrunServices().get("trigger-api");
    List<String> devOnly =
        List.of(
            "SPRING_MAIN_SOURCES", "OUTRUN_AUTH_DEV_TOKENS_ENABLED", "OUTRUN_AUTH_DEFAULT_ROLE");

    assertThat(production.devImage()).isFalse();
    assertThat(production.environment()).doesNotContainKeys(devOnly.toArray(String[]::new));
    assertThat(ServiceJar.of("trigger-api").libraries())
        .noneMatch(jar -> jar.getFileName().toString().startsWith("dev-auth"));
    assertThat(dev.devImage()).isTrue();
    assertThat(dev.environment()).containsKeys(devOnly.toArray(String[]::new));
  }

  @Test
  void aMisspeltKeyFailsTheCheck() throws IOException {
    String misspelt =
        Files.readString(ComposeFiles.COMPOSE)
            .replace(
                "OUTRUN_LISTENER_WEBHOOK_ENCRYPTIONKEY:",
                "OUTRUN_LISTENER_WEBHOOK_ENCRYPTIONKEYS:");

    List<String> problems =
        new ComposeCheck(ComposeFile.read(ComposeFiles.filledInEnv(), List.of(misspelt)))
            .problems();

    assertThat(problems)
        .containsExactly(
            "docker-compose listener-service: OUTRUN_LISTENER_WEBHOOK_ENCRYPTIONKEYS names no"
                + " property listener-service reads");
  }
}
