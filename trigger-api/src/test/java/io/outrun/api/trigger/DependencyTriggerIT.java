package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class DependencyTriggerIT extends TriggerItSupport {

  @Test
  void dependencyThatClosesACycleIs400WithTheChain() {
    WebTestClient api = api();
    String a = createWorkflow(api, validWorkflow("A"));
    String b = createWorkflow(api, validWorkflow("B"));
    String c = createWorkflow(api, validWorkflow("C"));
    dependsOn(api, b, a);
    dependsOn(api, c, b);

    Map<String, Object> problem = body(create(api, a, dependency(c)).expectStatus().isBadRequest());

    assertThat(problem.get("chain")).isEqualTo(List.of(a, b, c, a));
    assertThat((List<?>) problem.get("errors")).isNotEmpty();
  }

  @Test
  void upstreamInAnotherWorkspaceIs400LikeAnUnknownOne() {
    WebTestClient api = api();
    String mine = createWorkflow(api, validWorkflow("mine"));
    String theirs = createWorkflow(otherWorkspace(), validWorkflow("theirs"));

    for (String upstream : List.of(theirs, "no-such-workflow")) {
      Map<String, Object> problem =
          body(create(api, mine, dependency(upstream)).expectStatus().isBadRequest());
      assertThat(problem.toString()).doesNotContain("theirs");
      assertThat((List<Map<String, Object>>) problem.get("errors"))
          .extracting(e -> e.get("field"))
          .containsExactly("config.dependsOnWorkflowId");
    }
  }

  @Test
  void validateDependencyAnswersValidOrTheChain() {
    WebTestClient api = api();
    String a = createWorkflow(api, validWorkflow("A"));
    String b = createWorkflow(api, validWorkflow("B"));
    dependsOn(api, b, a);
    String uri = "/api/workflows/{id}/triggers/validate-dependency";

    assertThat(body(post(api, uri, Map.of("dependsOnWorkflowId", a), b).expectStatus().isOk()))
        .isEqualTo(Map.of("valid", true));
    assertThat(body(post(api, uri, Map.of("dependsOnWorkflowId", b), a).expectStatus().isOk()))
        .isEqualTo(Map.of("valid", false, "chain", List.of(a, b, a)));
    post(api, uri, Map.of("dependsOnWorkflowId", "nope"), a).expectStatus().isBadRequest();
  }

  @Test
  void dependenciesListUpstreamAndDownstreamTransitively() {
    WebTestClient api = api();
    String a = createWorkflow(api, validWorkflow("A"));
    String b = createWorkflow(api, validWorkflow("B"));
    String c = createWorkflow(api, validWorkflow("C"));
    dependsOn(api, b, a);
    dependsOn(api, c, b);

    Map<String, Object> graph =
        body(
            api.get()
                .uri("/api/workflows/{id}/triggers/dependencies", b)
                .exchange()
                .expectStatus()
                .isOk());
    assertThat(graph)
        .isEqualTo(
            Map.of(
                "upstream", List.of(Map.of("workflowId", a, "name", "A", "distance", 1)),
                "downstream", List.of(Map.of("workflowId", c, "name", "C", "distance", 1))));
    Map<String, Object> fromA =
        body(
            api.get()
                .uri("/api/workflows/{id}/triggers/dependencies", a)
                .exchange()
                .expectStatus()
                .isOk());
    assertThat((List<Map<String, Object>>) fromA.get("downstream"))
        .extracting(link -> link.get("workflowId"), link -> link.get("distance"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(b, 1), org.assertj.core.groups.Tuple.tuple(c, 2));
  }

  @Test
  void disabledDependencyIsOutsideTheGraphUntilEnablingItWouldCloseACycle() {
    WebTestClient api = api();
    String a = createWorkflow(api, validWorkflow("A"));
    String b = createWorkflow(api, validWorkflow("B"));
    dependsOn(api, b, a);
    Map<String, Object> disabled =
        body(
            create(
                    api,
                    a,
                    Map.of(
                        "type",
                        "dependency",
                        "name",
                        "back",
                        "enabled",
                        false,
                        "config",
                        Map.of("dependsOnWorkflowId", b)))
                .expectStatus()
                .isCreated());

    api.patch()
        .uri("/api/workflows/{wf}/triggers/{id}/enable", a, disabled.get("id"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.chain")
        .isEqualTo(List.of(a, b, a));
  }

  private static Map<String, Object> dependency(String upstream) {
    return Map.of(
        "type",
        "dependency",
        "name",
        "after " + upstream,
        "config",
        Map.of("dependsOnWorkflowId", upstream, "condition", "on_completion", "delayMinutes", 5));
  }

  private static void dependsOn(WebTestClient api, String downstream, String upstream) {
    create(api, downstream, dependency(upstream)).expectStatus().isCreated();
  }
}
