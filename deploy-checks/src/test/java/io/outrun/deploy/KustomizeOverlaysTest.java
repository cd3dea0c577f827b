package io.outrun.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overlays as {@code kubectl kustomize} renders them, held against the properties the services'
 * production jars read (their configuration metadata) and against what running them needs.
 */
class KustomizeOverlaysTest {

  static final String PROD = "k8s/overlays/prod";
  static final String DEV = "k8s/overlays/dev";

  private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

  static Manifests rendered(String overlay) {
    return RENDERED.computeIfAbsent(overlay, Kustomize::render);
  }

  @ParameterizedTest
  @ValueSource(strings = {PROD, DEV})
  void everyOverlayRunsTheThreeServices(String overlay) {
    assertThat(rendered(overlay).ofKind("Deployment"))
        .map(Manifests::name)
        .containsExactlyInAnyOrderElementsOf(Catalogs.SERVICES);
  }

  @ParameterizedTest
  @ValueSource(strings = {PROD, DEV})
  void everySettingNamesAPropertyItsServiceReads(String overlay) {
    List<String> problems =
        new OverlaySettingsCheck(rendered(overlay), SecretsTemplate.read())
            .problems(overlay.equals(PROD));

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {PROD, DEV})
  void everyServiceIsProbedSizedScaledBudgetedAndStoppedGracefully(String overlay) {
    assertThat(new OverlayWorkloadCheck(rendered(overlay), SecretsTemplate.read()).problems())
        .isEmpty();
  }

  @Test
  void theSecretsTemplateNamesExactlyTheSecretKeysTheOverlaysRead() {
    Map<String, Set<String>> template = SecretsTemplate.read();
    Set<String> read = new HashSet<>();
    for (String overlay : List.of(PROD, DEV)) {
      OverlaySettingsCheck check = new OverlaySettingsCheck(rendered(overlay), template);
      check.problems(false);
      read.addAll(check.secretKeysRead());
    }
    Set<String> named = new HashSet<>();
    template.forEach((secret, keys) -> keys.forEach(key -> named.add(secret + "/" + key)));

    assertThat(read).containsExactlyInAnyOrderElementsOf(named);
  }

  @Test
  void bothWebhookKeyVariablesReadTheSameSecret() {
    Manifests prod = rendered(PROD);
    Map<String, String> api = secretRefs(prod, "trigger-api");
    Map<String, String> listener = secretRefs(prod, "listener-service");

    Map<String, String> runner = secretRefs(prod, "runner-service");

    assertThat(api.get("OUTRUN_API_SECRETS_ENCRYPTIONKEY"))
        .isNotNull()
        .isEqualTo(listener.get("OUTRUN_LISTENER_WEBHOOK_ENCRYPTIONKEY"))
        .isEqualTo(runner.get("OUTRUN_RUNNER_SECRETS_ENCRYPTIONKEY"));
  }

  @Test
  void productionLetsInOnlyWhatEachServiceNeeds() {
    Manifests prod = rendered(PROD);
    List<Map<String, Object>> policies = prod.ofKind("NetworkPolicy");
    Map<String, Object> outrunPods = Map.of("app.kubernetes.io/part-of", "outrun");

    assertThat(policies)
        .as("a policy that selects every Outrun pod and allows nothing")
        .anyMatch(
            p ->
                Manifests.selects(Yamls.map(p, "spec", "podSelector"), outrunPods)
                    && Yamls.at(p, "spec", "ingress") == null
                    && Yamls.at(p, "spec", "egress") == null
                    && ((List<?>) Yamls.at(p, "spec", "policyTypes"))
                        .containsAll(List.of("Ingress", "Egress")));
    assertThat(allowedIngressPorts(prod, "trigger-api")).contains("http", "management");
    assertThat(allowedIngressPorts(prod, "listener-service")).contains("http", "management");
    assertThat(allowedIngressPorts(prod, "runner-service")).containsOnly("management");
    assertThat(runnerEgressExceptions(prod))
        .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
  }

  @Test
  void prometheusScrapesTheManagementPortInProduction() {
    List<Map<String, Object>> monitors = rendered(PROD).ofKind("PodMonitor");

    assertThat(monitors).hasSize(1);
    assertThat(Yamls.maps(monitors.getFirst(), "spec", "podMetricsEndpoints"))
        .singleElement()
        .satisfies(
            endpoint -> {
              assertThat(endpoint).containsEntry("port", "management");
              assertThat(endpoint).containsEntry("path", "/actuator/prometheus");
            });
  }

  @Test
  void kedaScalesTheRunnerOnItsConsumerGroupsLag() {
    Map<String, Object> scaled =
        Kustomize.render("k8s/keda").named("ScaledObject", "runner-service").orElseThrow();
    Map<String, Object> kafka =
        Yamls.maps(scaled, "spec", "triggers").stream()
            .filter(t -> "kafka".equals(t.get("type")))
            .findFirst()
            .orElseThrow();
    Object consumerGroup =
        Catalogs.of("runner-service", false)
            .property("outrun.runner.consumer-group")
            .orElseThrow()
            .defaultValue();

    assertThat(Yamls.string(scaled, "spec", "scaleTargetRef", "name")).isEqualTo("runner-service");
    assertThat(Yamls.string(kafka, "metadata", "consumerGroup")).isEqualTo(consumerGroup);
    assertThat(Yamls.string(kafka, "metadata", "topic"))
        .isEqualTo(io.outrun.events.Topics.RUN_REQUESTS);
  }

  private static Map<String, String> secretRefs(Manifests manifests, String deployment) {
    Map<String, Object> container =
        Manifests.container(manifests.named("Deployment", deployment).orElseThrow());
    return ContainerEnvironment.of(
            container, manifests, SecretsTemplate.read(), new java.util.ArrayList<>())
        .secretRefs();
  }

  /** The ports some NetworkPolicy lets in to the service's pods. */
  private static Set<String> allowedIngressPorts(Manifests manifests, String deployment) {
    Map<String, Object> labels =
        Manifests.podLabels(manifests.named("Deployment", deployment).orElseThrow());
    Set<String> ports = new HashSet<>();
    for (Map<String, Object> policy : manifests.ofKind("NetworkPolicy")) {
      if (Manifests.selects(Yamls.map(policy, "spec", "podSelector"), labels)) {
        for (Map<String, Object> rule : Yamls.maps(policy, "spec", "ingress")) {
          Yamls.maps(rule, "ports").forEach(p -> ports.add(Yamls.string(p, "port")));
        }
      }
    }
    return ports;
  }

  private static Set<String> runnerEgressExceptions(Manifests manifests) {
    Set<String> exceptions = new HashSet<>();
    Map<String, Object> policy =
        manifests.named("NetworkPolicy", "runner-service-egress").orElseThrow();
    for (Map<String, Object> rule : Yamls.maps(policy, "spec", "egress")) {
      for (Map<String, Object> to : Yamls.maps(rule, "to")) {
        Object except = Yamls.at(to, "ipBlock", "except");
        if (except instanceof List<?> list) {
          list.forEach(e -> exceptions.add(String.valueOf(e)));
        }
      }
    }
    return exceptions;
  }
}
