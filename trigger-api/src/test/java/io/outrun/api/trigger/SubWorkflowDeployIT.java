package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.RunDocument;
import io.outrun.api.TriggerBody;
import io.outrun.api.WorkflowBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls of workflows at deploy ({@code sub_workflow} nodes and {@code ai_agent} workflow tools): a
 * call that closes a cycle of calls and dependency triggers is refused naming the chain, as a
 * dependency cycle is; so is a call to a workflow of another workspace.
 */
class SubWorkflowDeployIT extends TriggerItSupport {

  @Test
  void aCallThatClosesACycleThroughCallsAndADependencyIs400NamingTheChain() {
    ApiClient api = owner();
    String a = activeWorkflow(api, "A");
    String b = api.createWorkflow(calling("B", a));
    deployTested(api, b, 1);
    String c = api.createWorkflow(calling("C", b));
    api.createdTrigger(c, dependency(a)); // a run of A starts C

    Map<String, Object> problem = body(deploy(api, c).expectStatus().isBadRequest());

    assertThat(errors(problem))
        .containsExactly(
            Map.of(
                "field",
                "nodes[call].data.workflowId",
                "message",
                "closes a cycle of workflow calls and dependencies: "
                    + String.join(" -> ", List.of(c, b, a, c))));
  }

  @Test
  void aWorkflowCallingItselfIs400() {
    ApiClient api = owner();
    String self = api.createWorkflow(WorkflowBody.named("self"));
    api.editWorkflow(self, calling("self", self).version(1)).expectStatus().isOk();

    Map<String, Object> problem = body(deploy(api, self, 2).expectStatus().isBadRequest());

    assertThat(errors(problem))
        .extracting(error -> error.get("message"))
        .containsExactly(
            "closes a cycle of workflow calls and dependencies: " + self + " -> " + self);
  }

  @Test
  void aDependencyThatClosesACycleThroughACallIs400WithTheChain() {
    ApiClient api = owner();
    String a = activeWorkflow(api, "A");
    String b = api.createWorkflow(calling("B", a));
    deployTested(api, b, 1);

    Map<String, Object> problem =
        body(api.createTrigger(b, dependency(a)).expectStatus().isBadRequest());

    assertThat(problem.get("chain")).isEqualTo(List.of(b, a, b));
  }

  @Test
  void aCallToAnotherWorkspacesWorkflowIs400LikeAnUnknownOne() {
    ApiClient api = owner();
    String theirs = stranger().createWorkflow(WorkflowBody.named("theirs"));
    String mine = api.createWorkflow(calling("mine", theirs));

    Map<String, Object> problem = body(deploy(api, mine).expectStatus().isBadRequest());

    assertThat(errors(problem))
        .containsExactly(
            Map.of(
                "field",
                "nodes[call].data.workflowId",
                "message",
                "no workflow '" + theirs + "' in this workspace"));
  }

  @Test
  void anAgentsWorkflowToolThatClosesACycleIs400NamingTheToolAndTheChain() {
    ApiClient api = owner();
    String a = activeWorkflow(api, "A");
    String b = api.createWorkflow(askingAgent("B", a));
    deployTested(api, b, 1); // B's agent calls A: an edge B -> A in the graph
    String anotherTool = "nodes[agent].data.tools.1.workflowId";
    api.editWorkflow(a, askingAgent("A", b).version(1)).expectStatus().isOk();

    Map<String, Object> problem = body(deploy(api, a, 2).expectStatus().isBadRequest());

    assertThat(errors(problem))
        .containsExactly(
            Map.of(
                "field",
                anotherTool,
                "message",
                "closes a cycle of workflow calls and dependencies: "
                    + String.join(" -> ", List.of(a, b, a))));
  }

  @Test
  void anAgentsWorkflowToolOfAnotherWorkspaceIs400() {
    ApiClient api = owner();
    String theirs = stranger().createWorkflow(WorkflowBody.named("theirs"));
    String mine = api.createWorkflow(askingAgent("mine", theirs));

    Map<String, Object> problem = body(deploy(api, mine).expectStatus().isBadRequest());

    assertThat(errors(problem))
        .containsExactly(
            Map.of(
                "field",
                "nodes[agent].data.tools.1.workflowId",
                "message",
                "no workflow '" + theirs + "' in this workspace"));
  }

  /** An agent whose second tool runs {@code workflowId} (its first is an HTTP tool). */
  private static WorkflowBody askingAgent(String name, String workflowId) {
    return WorkflowBody.empty(name)
        .node(
            "agent",
            "ai_agent",
            Map.of(
                "model",
                "gpt-4o-mini",
                "prompt",
                "Help",
                "tools",
                List.of(
                    Map.of("name", "lookup", "url", "https://example.com/lookup"),
                    Map.of("kind", "workflow", "name", "delegate", "workflowId", workflowId))));
  }

  private static WorkflowBody calling(String name, String workflowId) {
    return WorkflowBody.empty(name)
        .node("call", "sub_workflow", Map.of("workflowId", workflowId))
        .node("done", "log", Map.of("message", "{{ $steps.call.output.runId }}"))
        .edge("e1", "call", "done");
  }

  private WebTestClient.ResponseSpec deploy(ApiClient api, String workflowId) {
    return deploy(api, workflowId, 1);
  }

  private WebTestClient.ResponseSpec deploy(ApiClient api, String workflowId, int version) {
    insertRun(RunDocument.of(api.workspaceId(), workflowId).version(version).test());
    return api.lifecycle(workflowId, "deploy");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(Map<String, Object> problem) {
    return (List<Map<String, Object>>) problem.get("errors");
  }

  private static TriggerBody dependency(String upstream) {
    return TriggerBody.dependency(upstream)
        .named("after " + upstream)
        .config("condition", "on_completion");
  }
}
