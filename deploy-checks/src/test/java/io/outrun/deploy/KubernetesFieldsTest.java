package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rendered object has only fields its Kubernetes API type has. */
class KubernetesFieldsTest {

  @ParameterizedTest
  @ValueSource(strings = {KustomizeOverlaysTest.PROD, KustomizeOverlaysTest.DEV})
  void everyRenderedObjectHasOnlyFieldsItsApiTypeHas(String overlay) {
    List<String> problems =
        KustomizeOverlaysTest.rendered(overlay).objects().stream()
            .flatMap(object -> KubernetesFields.unknown(object).stream())
            .toList();

    assertThat(problems).isEmpty();
  }

  @Test
  void theSecretsTemplateHasOnlyFieldsASecretHas() {
    assertThat(Yamls.files(Repository.file(SecretsTemplate.FILE)))
        .allSatisfy(secret -> assertThat(KubernetesFields.unknown(secret)).isEmpty());
  }

  @Test
  void aMisspeltFieldDeepInADeploymentIsFound() {
    Map<String, Object> runner =
        KustomizeOverlaysTest.rendered(KustomizeOverlaysTest.PROD)
            .named("Deployment", "runner-service")
            .orElseThrow();
    Map<String, Object> container = new LinkedHashMap<>(Manifests.container(runner));
    container.put("readinesProbe", container.remove("readinessProbe"));
    Map<String, Object> podSpec = new LinkedHashMap<>(Manifests.podSpec(runner));
    podSpec.put("containers", List.of(container));
    Map<String, Object> template = new LinkedHashMap<>(Yamls.map(runner, "spec", "template"));
    template.put("spec", podSpec);
    Map<String, Object> spec = new LinkedHashMap<>(Yamls.map(runner, "spec"));
    spec.put("template", template);
    Map<String, Object> misspelt = new LinkedHashMap<>(runner);
    misspelt.put("spec", spec);

    assertThat(KubernetesFields.unknown(misspelt))
        .containsExactly(
            "apps/v1/Deployment runner-service.spec.template.spec.containers[0]: unknown field(s)"
                + " [readinesProbe]");
  }
}
