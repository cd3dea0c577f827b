package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks fail on the mistakes they exist for, made in an overlay on top of production's. */
class MisspeltSettingTest {

  @Test
  void aMisspeltKeyFailsTheSettingsCheck(@TempDir Path overlay) throws IOException {
    // `audience`, singular: the key a reader of Spring's docs easily writes
    kustomization(
        overlay,
        """
        configMapGenerator:
          - name: trigger-api-config
            behavior: replace
            literals:
              - OUTRUN_API_WEBHOOK_BASE_URL=https://hooks.example.com
              - SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=https://login.example.com
              - SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCE=outrun-api
        """);

    List<String> problems =
        new OverlaySettingsCheck(Kustomize.render(overlay), SecretsTemplate.read()).problems(true);

    assertThat(problems)
        .anyMatch(
            p ->
                p.endsWith(
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCE names no property"
                        + " trigger-api reads"))
        .anyMatch(
            p ->
                p.contains("production needs spring.security.oauth2.resourceserver.jwt.audiences"));
  }

  @Test
  void aProbeOnAHealthGroupThatDoesNotExistFailsTheWorkloadCheck(@TempDir Path overlay)
      throws IOException {
    Files.writeString(
        overlay.resolve("probe.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: listener-service
        spec:
          template:
            spec:
              containers:
                - name: listener-service
                  readinessProbe:
                    httpGet:
                      path: /actuator/health/ready
        """);
    kustomization(overlay, "patchesStrategicMerge:\n  - probe.yaml\n");

    List<String> problems =
        new OverlayWorkloadCheck(Kustomize.render(overlay), SecretsTemplate.read()).problems();

    assertThat(problems)
        .anyMatch(p -> p.contains("listener-service: readinessProbe asks /actuator/health/ready"));
  }

  private static void kustomization(Path overlay, String changes) throws IOException {
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        "namespace: outrun\nbases:\n  - "
            + overlay.relativize(Repository.file(KustomizeOverlaysTest.PROD))
            + "\n"
            + changes);
  }
}
