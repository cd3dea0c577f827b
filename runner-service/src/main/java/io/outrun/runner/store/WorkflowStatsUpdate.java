package io.outrun.runner.store;

import org.springframework.data.mongodb.core.query.Update;

/**
 * What one ended run adds to its workflow's {@code workflow_stats} document: only atomic operators
 * ({@code $inc}, {@code $max}, {@code $push} with {@code $slice}, {@code $setOnInsert}), so
 * concurrent runs never lose each other's counts. Pure.
 */
final class WorkflowStatsUpdate {

  private WorkflowStatsUpdate() {}

  static Update of(RunDocument ended) {
    Update update =
        new Update()
            .setOnInsert("workspaceId", ended.workspaceId())
            .inc("totalRuns", 1L)
            .inc("completedRuns", countIf(ended, RunDocument.COMPLETED))
            .inc("failedRuns", countIf(ended, RunDocument.FAILED))
            .inc("cancelledRuns", countIf(ended, RunDocument.CANCELLED))
            // runs trigger-api cancelled while queued have no duration: not part of the mean
            .inc("timedRuns", ended.durationMs() == null ? 0L : 1L)
            .inc("totalDurationMs", ended.durationMs() == null ? 0L : ended.durationMs());
    UsageIncrements.of(ended.usage()).forEach(update::inc);
    if (ended.queuedAt() != null) {
      update.max("lastRunAt", ended.queuedAt());
    }
    if (ended.finishedAt() != null) {
      update.max("lastFinishedAt", ended.finishedAt());
    }
    update
        .push(WorkflowStatsStore.RECENT_RUN_IDS)
        .slice(-WorkflowStatsStore.RECENT_RUNS)
        .each(ended.id());
    return update;
  }

  private static long countIf(RunDocument ended, String status) {
    return status.equals(ended.status()) ? 1L : 0L;
  }
}
