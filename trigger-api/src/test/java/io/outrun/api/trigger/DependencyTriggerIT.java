package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyTriggerIT extends TriggerItSupport {

  private static final String DEPENDENCIES = "/api/workflows/{id}/triggers/dependencies";

  @Test
  void dependencyThatClosesACycleIs400WithTheChain() {
    ApiClient api = owner();
    String a = api.createWorkflow(WorkflowBody.named("A"));
    String b = api.createWorkflow(WorkflowBody.named("B"));
    String c = api.createWorkflow(WorkflowBody.named("C"));
    dependsOn(api, b, a);
    dependsOn(api, c, b);

    Map<String, Object> problem =
        body(api.createTrigger(a, dependency(c)).expectStatus().isBadRequest());

    assertThat(problem.get("chain")).isEqualTo(List.of(a, b, c, a));
    assertThat((List<?>) problem.get("errors")).isNotEmpty();
  }

  @Test
  void upstreamInAnotherWorkspaceIs400LikeAnUnknownOne() {
    ApiClient api = owner();
    String mine = api.createWorkflow(WorkflowBody.named("mine"));
    String theirs = stranger().createWorkflow(WorkflowBody.named("theirs"));

    for (String upstream : List.of(theirs, "no-such-workflow")) {
      Map<String, Object> problem =
          body(api.createTrigger(mine, dependency(upstream)).expectStatus().isBadRequest());
      assertThat(problem.toString()).doesNotContain("theirs");
      assertThat((List<Map<String, Object>>) problem.get("errors"))
          .extracting(e -> e.get("field"))
          .containsExactly("config.dependsOnWorkflowId");
    }
  }

  @Test
  void validateDependencyAnswersValidOrTheChain() {
    ApiClient api = owner();
    String a = api.createWorkflow(WorkflowBody.named("A"));
    String b = api.createWorkflow(WorkflowBody.named("B"));
    dependsOn(api, b, a);
    String uri = "/api/workflows/{id}/triggers/validate-dependency";

    assertThat(body(api.post(uri, Map.of("dependsOnWorkflowId", a), b).expectStatus().isOk()))
        .isEqualTo(Map.of("valid", true));
    assertThat(body(api.post(uri, Map.of("dependsOnWorkflowId", b), a).expectStatus().isOk()))
        .isEqualTo(Map.of("valid", false, "chain", List.of(a, b, a)));
    api.post(uri, Map.of("dependsOnWorkflowId", "nope"), a).expectStatus().isBadRequest();
  }

  @Test
  void dependenciesListUpstreamAndDownstreamTransitively() {
    ApiClient api = owner();
    String a = api.createWorkflow(WorkflowBody.named("A"));
    String b = api.createWorkflow(WorkflowBody.named("B"));
    String c = api.createWorkflow(WorkflowBody.named("C"));
    dependsOn(api, b, a);
    dependsOn(api, c, b);

    Map<String, Object> graph =
        body(api.http().get().uri(DEPENDENCIES, b).exchange().expectStatus().isOk());
    assertThat(graph)
        .isEqualTo(
            Map.of(
                "upstream", List.of(Map.of("workflowId", a, "name", "A", "distance", 1)),
                "downstream", List.of(Map.of("workflowId", c, "name", "C", "distance", 1))));
    Map<String, Object> fromA =
        body(api.http().get().uri(DEPENDENCIES, a).exchange().expectStatus().isOk());
    assertThat((List<Map<String, Object>>) fromA.get("downstream"))
        .extracting(link -> link.get("workflowId"), link -> link.get("distance"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(b, 1), org.assertj.core.groups.Tuple.tuple(c, 2));
  }

  @Test
  void disabledDependencyIsOutsideTheGraphUntilEnablingItWouldCloseACycle() {
    ApiClient api = owner();
    String a = api.createWorkflow(WorkflowBody.named("A"));
    String b = api.createWorkflow(WorkflowBody.named("B"));
    dependsOn(api, b, a);
    Map<String, Object> disabled =
        api.createdTrigger(a, TriggerBody.dependency(b).named("back").disabled());

    api.enableTrigger(a, (String) disabled.get("id"), true)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.chain")
        .isEqualTo(List.of(a, b, a));
  }

  private static TriggerBody dependency(String upstream) {
    return TriggerBody.dependency(upstream)
        .named("after " + upstream)
        .config("condition", "on_completion")
        .config("delayMinutes", 5);
  }

  private static void dependsOn(ApiClient api, String downstream, String upstream) {
    api.createdTrigger(downstream, dependency(upstream));
  }
}
