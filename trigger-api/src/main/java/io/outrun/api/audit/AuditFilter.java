package io.outrun.api.audit;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code GET /api/audit} narrows to: one action ({@code workflow.deploy}) and one object id,
 * each optional and matched exactly. Values are compared as strings, never read as a query.
 */
record AuditFilter(String action, String objectId) {

  static final int MAX_LENGTH = 200;

  /** The filter of the query parameters; 400 naming each one that is too long. */
  static AuditFilter of(String action, String objectId) {
    List<FieldProblem> problems = new ArrayList<>();
    check("action", action, problems);
    check("objectId", objectId, problems);
    if (!problems.isEmpty()) {
      throw ProblemException.invalid("The audit log filter is not valid.", problems);
    }
    return new AuditFilter(blankAsNull(action), blankAsNull(objectId));
  }

  private static void check(String name, String value, List<FieldProblem> problems) {
    if (value != null && value.length() > MAX_LENGTH) {
      problems.add(new FieldProblem(name, "must be at most " + MAX_LENGTH + " characters"));
    }
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
