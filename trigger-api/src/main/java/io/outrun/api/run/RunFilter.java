package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.events.TriggerType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What {@code GET /api/runs} narrows the workspace's runs to; every part optional. Built from the
 * query parameters by {@link #of}, which refuses a bad one with a 400 naming it. Pure.
 *
 * @param statuses any of these statuses (empty: any)
 * @param from queued at or after, or null
 * @param to queued strictly before, or null
 */
record RunFilter(
    Set<String> statuses,
    String workflowId,
    String triggerId,
    String triggerType,
    Boolean test,
    Instant from,
    Instant to) {

  static final Set<String> STATUSES =
      Set.of("queued", "running", "completed", "failed", "cancelled");

  /** Ids longer than this match nothing any id could be, so they are refused. */
  static final int MAX_ID_LENGTH = 200;

  static RunFilter of(
      List<String> status,
      String workflowId,
      String triggerId,
      String triggerType,
      String test,
      String from,
      String to) {
    RunFilter filter =
        new RunFilter(
            statuses(status),
            id("workflowId", workflowId),
            id("triggerId", triggerId),
            triggerType(triggerType),
            test(test),
            instant("from", from),
            instant("to", to));
    if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
      throw invalid("to", "must not be before from");
    }
    return filter;
  }

  /** The workspace's runs this filter keeps. */
  Criteria criteria(String workspaceId) {
    Criteria criteria = where("workspaceId").is(workspaceId);
    if (!statuses.isEmpty()) {
      criteria.and("status").in(statuses);
    }
    if (workflowId != null) {
      criteria.and("workflowId").is(workflowId);
    }
    if (triggerId != null) {
      criteria.and("triggeredBy.triggerId").is(triggerId);
    }
    if (triggerType != null) {
      criteria.and("triggeredBy.type").is(triggerType);
    }
    if (test != null) {
      criteria.and("test").is(test);
    }
    if (from != null || to != null) {
      Criteria queuedAt = criteria.and("queuedAt");
      if (from != null) {
        queuedAt.gte(from);
      }
      if (to != null) {
        queuedAt.lt(to);
      }
    }
    return criteria;
  }

  private static Set<String> statuses(List<String> values) {
    Set<String> statuses = new LinkedHashSet<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value.isEmpty()) {
        continue;
      }
      if (!STATUSES.contains(value)) {
        throw invalid("status", "must be queued, running, completed, failed or cancelled");
      }
      statuses.add(value);
    }
    return Set.copyOf(statuses);
  }

  private static String id(String parameter, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw invalid(parameter, "must be at most " + MAX_ID_LENGTH + " characters");
    }
    return value;
  }

  private static String triggerType(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    List<String> names = Arrays.stream(TriggerType.values()).map(TriggerType::wireName).toList();
    if (!names.contains(value)) {
      throw invalid("triggerType", "must be one of " + String.join(", ", names));
    }
    return value;
  }

  private static Boolean test(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid("test", "must be true or false");
    };
  }

  private static Instant instant(String parameter, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException malformed) {
      throw invalid(parameter, "must be an ISO-8601 instant (2026-03-08T07:00:00Z)");
    }
  }

  private static ProblemException invalid(String parameter, String message) {
    return ProblemException.invalid(
        "Invalid run filter.", List.of(new FieldProblem(parameter, message)));
  }
}
