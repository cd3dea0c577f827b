package io.outrun.api.workspace;

import io.outrun.api.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * What workspace settings may hold: a valid slug, an auto-pause limit of 0 to {@value
 * AutoPauseSetting#MAX}, retention days of 1 to {@value WorkspaceSettings.RetentionDays#MAX} and
 * quotas within their bounds ({@link WorkspaceSettings.Quotas}). Pure.
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
    WorkspaceSettings.Quotas quotas = request.quotas();
    if (quotas != null) {
      bounded(
          problems,
          "quotas.activeTriggers",
          quotas.activeTriggers(),
          WorkspaceSettings.Quotas.MAX_ACTIVE_TRIGGERS);
      bounded(
          problems,
          "quotas.runsPerMinute",
          quotas.runsPerMinute(),
          WorkspaceSettings.Quotas.MAX_RUNS_PER_MINUTE);
      bounded(
          problems,
          "quotas.concurrentRuns",
          quotas.concurrentRuns(),
          WorkspaceSettings.Quotas.MAX_CONCURRENT_RUNS);
    }
    return problems;
  }

  private static void bounded(List<FieldProblem> problems, String field, Integer value, int max) {
    if (value != null && (value < 1 || value > max)) {
      problems.add(new FieldProblem(field, "must be a whole number from 1 to " + max));
    }
  }

  private static void days(List<FieldProblem> problems, String field, Integer days) {
    if (days != null && (days < 1 || days > WorkspaceSettings.RetentionDays.MAX)) {
      problems.add(new FieldProblem(field, DAYS_RULE));
    }
  }
}
