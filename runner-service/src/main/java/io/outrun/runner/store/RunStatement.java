package io.outrun.runner.store;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * What one run's writes in a flush become: one conditional update. A {@link RunWrite.Begin} is an
 * upsert of the running run matching only a queued run of the same request; steps and an ending are
 * merged: {@code $push} of the steps (if none of their nodes is recorded), those the ending carries
 * unrecorded among them, their usage {@code $inc}ed, and the ending {@code $set} (if the run has
 * not ended).
 *
 * <p>Every statement is an upsert on the run's {@code _id}, so a condition that does not hold shows
 * as a duplicate key error on that statement alone (the run exists, the upsert cannot insert it):
 * an unordered bulk write tells each statement's failure, not which updates matched. The run always
 * exists when its steps or ending are written (its start was acknowledged before), so these upserts
 * never insert.
 */
final class RunStatement {

  private static final List<String> TERMINAL =
      List.of(RunDocument.COMPLETED, RunDocument.FAILED, RunDocument.CANCELLED);
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private RunStatement() {}

  /** The statement of one run's writes, in the order they were made. */
  static UpdateOneModel<Document> of(List<RunWrite> writes, MongoConverter converter) {
    if (writes.getFirst() instanceof RunWrite.Begin begin) {
      return begin(begin, converter);
    }
    String runId = writes.getFirst().runId();
    Document filter = new Document("_id", runId);
    Document update = new Document();
    List<StepDocument> pushed = new ArrayList<>();
    for (RunWrite write : writes) {
      switch (write) {
        case RunWrite.Step(String id, StepDocument step, var done) -> pushed.add(step);
        case RunWrite.End end -> {
          pushed.addAll(end.unrecorded());
          filter.append("status", new Document("$nin", TERMINAL));
          update
              .append(
                  "$set",
                  new Document("status", end.status())
                      .append("finishedAt", Date.from(end.finishedAt()))
                      .append("durationMs", end.durationMs())
                      .append("error", end.error()))
              .append("$unset", new Document("lease", ""));
        }
        case RunWrite.Begin b -> throw new IllegalArgumentException("a run starts alone");
      }
    }
    if (!pushed.isEmpty()) {
      List<String> nodeIds = pushed.stream().map(StepDocument::nodeId).toList();
      List<Document> steps = pushed.stream().map(step -> stored(step, converter)).toList();
      RunDocument.Usage used =
          RunDocument.Usage.sum(pushed.stream().map(StepDocument::usage).toList());
      filter.append("steps.nodeId", new Document("$nin", nodeIds));
      update.append("$push", new Document("steps", new Document("$each", steps)));
      Map<String, Number> inc = UsageIncrements.of(used);
      if (!inc.isEmpty()) {
        update.append("$inc", new Document(inc));
      }
    }
    return new UpdateOneModel<>(filter, update, UPSERT);
  }

  /** Inserts the run as started, or starts it where it is queued for the same request. */
  private static UpdateOneModel<Document> begin(RunWrite.Begin begin, MongoConverter converter) {
    RunDocument queued = begin.queued();
    Document fields = new Document();
    converter.write(StoredRuns.toStored(queued), fields);
    for (String seeded :
        List.of("_id", "requestEventId", "status", "startedAt", "lease", "traceId")) {
      fields.remove(seeded);
    }
    Document filter =
        new Document("_id", queued.id())
            .append("requestEventId", queued.requestEventId())
            .append("status", RunDocument.QUEUED);
    Document lease =
        new Document("owner", begin.lease().owner())
            .append("expiresAt", Date.from(begin.lease().expiresAt()));
    Document set =
        new Document("status", RunDocument.RUNNING)
            .append("startedAt", Date.from(begin.now()))
            .append("lease", lease);
    if (queued.traceId() != null) {
      // set, not only on insert: the run may have been recorded queued before its trace was known
      set.append("traceId", queued.traceId());
    }
    Document update = new Document("$setOnInsert", fields).append("$set", set);
    return new UpdateOneModel<>(filter, update, UPSERT);
  }

  private static Document stored(StepDocument step, MongoConverter converter) {
    Document document = new Document();
    converter.write(StoredRuns.toStored(step), document);
    return document;
  }
}
