package io.outrun.api.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dependency}: run this workflow after a run of another one ends. The shape only; that the
 * upstream workflow is in the same workspace and closes no cycle is checked against the database.
 */
final class DependencyConfigRule {

  static final List<String> CONDITIONS = List.of("on_success", "on_failure", "on_completion");
  static final String UPSTREAM = "dependsOnWorkflowId";

  private DependencyConfigRule() {}

  static Map<String, Object> normalize(ConfigFields fields, String workflowId) {
    Map<String, Object> stored = new LinkedHashMap<>();
    String upstream = fields.text(UPSTREAM);
    if (!fields.has(UPSTREAM)) {
      fields.reject(UPSTREAM, "is required");
    } else if (upstream != null && upstream.equals(workflowId)) {
      fields.reject(UPSTREAM, "a workflow cannot depend on itself");
    } else if (upstream != null) {
      stored.put(UPSTREAM, upstream);
    }
    stored.put("condition", fields.choice("condition", CONDITIONS, "on_success"));
    stored.put("delayMinutes", fields.whole("delayMinutes", 0, 60, 0));
    return stored;
  }
}
