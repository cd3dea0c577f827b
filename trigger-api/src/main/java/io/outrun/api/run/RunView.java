package io.outrun.api.run;

import io.outrun.service.StoredJson;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A {@code runs} document (written by the runner) in the contract's JSON shape. Read by shape from
 * a raw document, so the runner's own types never leak in and missing optional fields are null.
 * Adds {@code cancelRequested} to the contract's shape: true once cancelling the running run was
 * asked for, and {@code traceId}: the W3C trace the run's handling belongs to (null until a runner
 * starts it, or with tracing off).
 */
record RunView(
    String id,
    String workflowId,
    Integer workflowVersion,
    Boolean test,
    String status,
    Object triggeredBy,
    Object steps,
    Object usage,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    Object error,
    boolean cancelRequested,
    String traceId) {

  static RunView of(Document run) {
    return new RunView(
        run.getString("_id"),
        run.getString("workflowId"),
        run.get("workflowVersion") instanceof Number n ? n.intValue() : null,
        run.getBoolean("test"),
        run.getString("status"),
        plain(userJson(run.get("triggeredBy"), "payload")),
        plain(steps(run.get("steps"))),
        plain(run.get("usage")),
        instant(run.get("queuedAt")),
        instant(run.get("startedAt")),
        instant(run.get("finishedAt")),
        run.get("durationMs") instanceof Number n ? n.longValue() : null,
        plain(run.get("error")),
        Boolean.TRUE.equals(run.get("cancelRequested")),
        run.get("traceId") instanceof String traceId ? traceId : null);
  }

  /**
   * This run with {@code triggeredBy.triggerName}: the name its trigger has now, from {@code names}
   * (trigger id -> name); unchanged when it has no trigger or the trigger is gone.
   */
  RunView withTriggerName(Map<String, String> names) {
    if (!(triggeredBy instanceof Map<?, ?> by)
        || !(by.get("triggerId") instanceof String triggerId)
        || !names.containsKey(triggerId)) {
      return this;
    }
    Map<String, Object> named = new LinkedHashMap<>();
    by.forEach((key, value) -> named.put(String.valueOf(key), value));
    named.put("triggerName", names.get(triggerId));
    return new RunView(
        id,
        workflowId,
        workflowVersion,
        test,
        status,
        named,
        steps,
        usage,
        queuedAt,
        startedAt,
        finishedAt,
        durationMs,
        error,
        cancelRequested,
        traceId);
  }

  /** The trigger id of a {@code runs} document, or null. */
  static String triggerId(Document run) {
    return run.get("triggeredBy") instanceof Map<?, ?> by
            && by.get("triggerId") instanceof String id
        ? id
        : null;
  }

  /** The runner stores user JSON with its keys escaped ({@link StoredJson}): read it back. */
  private static Object userJson(Object parent, String... fields) {
    if (!(parent instanceof Map<?, ?> map)) {
      return parent;
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), value));
    for (String field : fields) {
      if (copy.containsKey(field)) {
        copy.put(field, StoredJson.fromStored(copy.get(field)));
      }
    }
    return copy;
  }

  private static List<?> steps(Object steps) {
    return steps instanceof List<?> list
        ? list.stream().map(step -> userJson(step, "input", "output")).toList()
        : List.of();
  }

  private static Instant instant(Object value) {
    return value instanceof Date date ? date.toInstant() : null;
  }

  /** BSON values as plain JSON-ready values: dates become instants (ISO-8601 strings). */
  private static Object plain(Object value) {
    return switch (value) {
      case Date date -> date.toInstant();
      case Map<?, ?> map -> {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
        yield copy;
      }
      case List<?> list -> list.stream().map(RunView::plain).toList();
      case null -> null;
      default -> value;
    };
  }
}
