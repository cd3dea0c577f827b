package io.outrun.runner.store;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bson.Document;

/**
 * What the ended runs of one workflow in a flush add to its {@code workflow_stats} document: one
 * upsert with their counts and usage summed ({@code $inc}), the latest times ({@code $max}) and
 * their ids pushed, conditional on none of their ids being among the document's recent ones. The
 * same rule as {@link WorkflowStatsUpdate}'s per run, for many runs at once: a duplicate key error
 * on it means one of them is counted already (or a concurrent first run inserted the document), and
 * the caller counts them one by one instead. Pure.
 */
final class StatsStatement {

  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private StatsStatement() {}

  /** The statement for {@code ended}: non-test ended runs of one workflow. */
  static UpdateOneModel<Document> of(List<RunDocument> ended) {
    RunDocument first = ended.getFirst();
    List<String> ids = ended.stream().map(RunDocument::id).toList();
    Document inc =
        new Document("totalRuns", (long) ended.size())
            .append("completedRuns", count(ended, RunDocument.COMPLETED))
            .append("failedRuns", count(ended, RunDocument.FAILED))
            .append("cancelledRuns", count(ended, RunDocument.CANCELLED))
            .append("timedRuns", ended.stream().filter(r -> r.durationMs() != null).count())
            .append(
                "totalDurationMs",
                ended.stream()
                    .map(RunDocument::durationMs)
                    .filter(Objects::nonNull)
                    .reduce(0L, Long::sum));
    inc.putAll(UsageIncrements.of(sum(ended)));
    Document max = new Document();
    latest(ended.stream().map(RunDocument::queuedAt).toList(), "lastRunAt", max);
    latest(ended.stream().map(RunDocument::finishedAt).toList(), "lastFinishedAt", max);
    Document update =
        new Document("$setOnInsert", new Document("workspaceId", first.workspaceId()))
            .append("$inc", inc)
            .append(
                "$push",
                new Document(
                    WorkflowStatsStore.RECENT_RUN_IDS,
                    new Document("$each", ids).append("$slice", -WorkflowStatsStore.RECENT_RUNS)));
    if (!max.isEmpty()) {
      update.append("$max", max);
    }
    Document filter =
        new Document("_id", first.workflowId())
            .append(WorkflowStatsStore.RECENT_RUN_IDS, new Document("$nin", ids));
    return new UpdateOneModel<>(filter, update, UPSERT);
  }

  private static long count(List<RunDocument> ended, String status) {
    return ended.stream().filter(run -> status.equals(run.status())).count();
  }

  private static RunDocument.Usage sum(List<RunDocument> ended) {
    return RunDocument.Usage.sum(ended.stream().map(RunDocument::usage).toList());
  }

  private static void latest(List<Instant> times, String field, Document max) {
    times.stream()
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .ifPresent(time -> max.append(field, Date.from(time)));
  }
}
