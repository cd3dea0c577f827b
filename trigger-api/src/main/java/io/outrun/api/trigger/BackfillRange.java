package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST .../backfill}, {@code {"from": "<ISO instant>", "to": "<ISO instant>"}}:
 * both required, {@code from} not after {@code to}, and {@code to} not in the future (backfill is
 * for the past; {@code fire} runs now); neither before 1970, which also keeps every duration of the
 * range countable. Pure: no Spring, no I/O.
 */
record BackfillRange(Instant from, Instant to) {

  private static final String EXAMPLE = "an ISO-8601 instant such as 2026-03-08T07:00:00Z";

  /** The range, or a 400 listing every problem of the body. */
  static BackfillRange parse(Map<String, Object> body, Instant now) {
    List<FieldProblem> errors = new ArrayList<>();
    Instant from = instant(body, "from", errors);
    Instant to = instant(body, "to", errors);
    if (from != null && to != null && from.isAfter(to)) {
      errors.add(new FieldProblem("from", "must not be after to (" + to + ")"));
    }
    if (to != null && to.isAfter(now)) {
      errors.add(
          new FieldProblem(
              "to",
              "must not be in the future (now is "
                  + now
                  + "): backfill runs past instants; POST .../fire runs the trigger now"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("The backfill range is invalid.", errors);
    }
    return new BackfillRange(from, to);
  }

  private static Instant instant(
      Map<String, Object> body, String field, List<FieldProblem> errors) {
    Object value = body.get(field);
    if (value == null) {
      errors.add(new FieldProblem(field, "is required: " + EXAMPLE));
      return null;
    }
    try {
      if (value instanceof String text) {
        Instant instant = Instant.parse(text.trim());
        if (!instant.isBefore(Instant.EPOCH)) {
          return instant;
        }
        errors.add(new FieldProblem(field, "must not be before 1970-01-01T00:00:00Z"));
        return null;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    errors.add(new FieldProblem(field, "must be " + EXAMPLE));
    return null;
  }
}
