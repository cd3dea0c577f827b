package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which trigger types and configurations are accepted, and the normalized config to store: each
 * type's own rule lists every problem at once. Pure: no Spring, no I/O (whether a dependency's
 * upstream workflow exists, and whether it closes a cycle, is checked by the service).
 */
final class TriggerConfigRule {

  static final List<String> TYPES =
      List.of("webhook", "schedule", "data_change", "dependency", "manual");

  private TriggerConfigRule() {}

  /** What a rule may need beyond the config itself. */
  record Context(String workflowId, Instant now, String ownDatabase) {}

  /** The config to store, or the problems that refuse it. */
  sealed interface Checked {
    record Valid(Map<String, Object> config) implements Checked {}

    record Invalid(String detail, List<FieldProblem> errors) implements Checked {}
  }

  static Checked check(String type, Map<String, Object> config, Context context) {
    ConfigFields fields = new ConfigFields(config);
    Map<String, Object> stored =
        switch (type == null ? "" : type) {
          case "webhook" -> WebhookConfigRule.normalize(fields);
          case "schedule" -> ScheduleConfigRule.normalize(fields, context.now());
          case "data_change" -> DataChangeConfigRule.normalize(fields, context.ownDatabase());
          case "dependency" -> DependencyConfigRule.normalize(fields, context.workflowId());
          case "manual" -> Map.of();
          default -> null;
        };
    if (stored == null) {
      String message = "unknown trigger type '" + type + "'; one of " + String.join(", ", TYPES);
      return new Checked.Invalid(message, List.of(new FieldProblem("type", message)));
    }
    if (!fields.errors().isEmpty()) {
      return new Checked.Invalid("The " + type + " trigger config is invalid.", fields.errors());
    }
    return new Checked.Valid(stored);
  }
}
