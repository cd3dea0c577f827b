package io.outrun.triggers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code dependency}: run this workflow after a run of another one ends. The shape only; that the
 * upstream workflow is in the same workspace and closes no cycle is checked against the database,
 * by trigger-api.
 */
final class DependencyRule {

  static final String UPSTREAM = "dependsOnWorkflowId";

  private DependencyRule() {}

  /**
   * The config, or null when {@code fields} has recorded why there is none. With the {@code
   * workflowId} of a request, a dependency on that very workflow is refused.
   */
  static DependencyConfig read(ConfigFields fields, String workflowId) {
    String upstream = fields.text(UPSTREAM);
    if (!fields.has(UPSTREAM)) {
      fields.reject(UPSTREAM, "is required");
    } else if (upstream != null && upstream.equals(workflowId)) {
      fields.reject(UPSTREAM, "a workflow cannot depend on itself");
      upstream = null;
    }
    DependencyCondition condition =
        fields.choice("condition", DependencyCondition.class, DependencyCondition.ON_SUCCESS);
    Integer delay = fields.whole("delayMinutes", 0, DependencyConfig.MAX_DELAY_MINUTES, 0);
    return upstream == null ? null : new DependencyConfig(upstream, condition, delay);
  }

  static Map<String, Object> write(DependencyConfig config) {
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put(UPSTREAM, config.dependsOnWorkflowId());
    stored.put("condition", config.condition().wireName());
    stored.put("delayMinutes", config.delayMinutes());
    return stored;
  }
}
