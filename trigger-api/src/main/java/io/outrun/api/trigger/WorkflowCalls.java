package io.outrun.api.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflows one node calls, each by the field that names it: a {@code sub_workflow}'s {@code
 * data.workflowId}, and an {@code ai_agent}'s workflow tools ({@code data.tools.<i>.workflowId}, a
 * {@code "kind": "workflow"} tool). Read the same way from a workflow being deployed ({@link
 * SubWorkflowChecks}) and from the deployed versions of the others ({@link SubWorkflowCallStore}).
 * Pure.
 */
final class WorkflowCalls {

  static final String SUB_WORKFLOW = "sub_workflow";
  static final String AI_AGENT = "ai_agent";

  /** The node types that may call workflows. */
  static final List<String> CALLING_TYPES = List.of(SUB_WORKFLOW, AI_AGENT);

  private WorkflowCalls() {}

  /** The called workflow ids of node {@code nodeId}, by field ({@code nodes[n].data...}). */
  static Map<String, String> of(String nodeId, String type, Map<?, ?> data) {
    Map<String, String> calls = new LinkedHashMap<>();
    if (data == null) {
      return calls;
    }
    String at = "nodes[" + nodeId + "].data.";
    if (SUB_WORKFLOW.equals(type)) {
      target(data).ifPresent(target -> calls.put(at + "workflowId", target));
    } else if (AI_AGENT.equals(type) && data.get("tools") instanceof List<?> tools) {
      for (int i = 0; i < tools.size(); i++) {
        String field = at + "tools." + i + ".workflowId";
        if (tools.get(i) instanceof Map<?, ?> tool && "workflow".equals(tool.get("kind"))) {
          target(tool).ifPresent(target -> calls.put(field, target));
        }
      }
    }
    return calls;
  }

  private static Optional<String> target(Map<?, ?> map) {
    return map.get("workflowId") instanceof String target && !target.isBlank()
        ? Optional.of(target)
        : Optional.empty();
  }
}
