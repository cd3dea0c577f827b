package io.outrun.api.workspace;

import io.outrun.api.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * What workspace settings may hold: a valid slug, an auto-pause limit of 0 to {@value
 * AutoPauseSetting#MAX}, and retention days of 1 to {@value WorkspaceSettings.RetentionDays#MAX}.
 * Pure.
 */
final class WorkspaceSettingsRule {

  static final String DAYS_RULE =
      "must be a whole number of days from 1 to " + WorkspaceSettings.RetentionDays.MAX;

  private WorkspaceSettingsRule() {}

  static List<FieldProblem> check(WorkspaceSettingsRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.slug() != null && !WorkspaceSlug.valid(request.slug())) {
      problems.add(new FieldProblem("slug", WorkspaceSlug.RULE));
    }
    if (!AutoPauseSetting.valid(request.autoPauseAfterFailures())) {
      problems.add(new FieldProblem("autoPauseAfterFailures", AutoPauseSetting.RULE));
    }
    WorkspaceSettings.RetentionDays retention = request.retention();
    if (retention != null) {
      days(problems, "retention.runsDays", retention.runsDays());
      days(problems, "retention.webhookLogsDays", retention.webhookLogsDays());
      days(problems, "retention.triggerEventsDays", retention.triggerEventsDays());
    }
    return problems;
  }

  private static void days(List<FieldProblem> problems, String field, Integer days) {
    if (days != null && (days < 1 || days > WorkspaceSettings.RetentionDays.MAX)) {
      problems.add(new FieldProblem(field, DAYS_RULE));
    }
  }
}
