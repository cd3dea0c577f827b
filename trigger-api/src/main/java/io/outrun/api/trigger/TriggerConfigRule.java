package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which trigger types and configurations this version accepts, and their normalized config: for now
 * only webhooks without authentication. Pure: no Spring, no I/O.
 */
final class TriggerConfigRule {

  static final Set<String> KNOWN_TYPES =
      Set.of("webhook", "schedule", "data_change", "dependency", "manual");
  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  static final String NO_AUTH = "none";

  private TriggerConfigRule() {}

  /** The config to store, or the problems that refuse it. */
  sealed interface Checked {
    record Valid(Map<String, Object> config) implements Checked {}

    record Invalid(String detail, List<FieldProblem> errors) implements Checked {}
  }

  static Checked check(String type, Map<String, Object> config) {
    if (!KNOWN_TYPES.contains(type)) {
      return invalid("type", "unknown trigger type '" + type + "'");
    }
    if (!Trigger.WEBHOOK.equals(type)) {
      return invalid("type", "trigger type '" + type + "' is not supported yet; use 'webhook'");
    }
    return checkWebhook(config);
  }

  private static Checked checkWebhook(Map<String, Object> config) {
    Object method = config.getOrDefault("method", "POST");
    String normalized = method instanceof String text ? text.toUpperCase(Locale.ROOT) : "";
    if (!METHODS.contains(normalized)) {
      return invalid("config.method", "must be one of " + String.join(", ", sorted(METHODS)));
    }
    Object authType = config.getOrDefault("authType", NO_AUTH);
    if (!NO_AUTH.equals(authType)) {
      return invalid(
          "config.authType",
          "authType '" + authType + "' is not supported yet; only 'none' is supported");
    }
    Map<String, Object> stored = new LinkedHashMap<>(config);
    stored.remove("secret");
    stored.put("method", normalized);
    stored.put("authType", NO_AUTH);
    return new Checked.Valid(stored);
  }

  private static Checked invalid(String field, String message) {
    return new Checked.Invalid(message, List.of(new FieldProblem(field, message)));
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
