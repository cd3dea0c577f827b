package io.outrun.listener.autopause;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A trigger's failure streak in its own {@code triggers} document, kept by conditional updates so
 * that a completion handled twice (Kafka redelivery, two replicas during a rebalance) counts once:
 * a failure is counted only if its run id is not among the {@code autoPause.countedRunIds} (the
 * latest ones, bounded), a completed run ends the streak only if it finished after the streak's
 * latest failure (or in the same millisecond), and only one writer's pause finds the trigger still
 * enabled.
 */
@Component
class FailureCountStore {

  static final String TRIGGERS = "triggers";
  static final String WORKSPACES = "workspaces";
  static final String COUNTED = "autoPause.countedRunIds";

  private final ReactiveMongoTemplate mongo;
  private final AutoPauseProperties properties;

  FailureCountStore(ReactiveMongoTemplate mongo, AutoPauseProperties properties) {
    this.mongo = mongo;
    this.properties = properties;
  }

  /** Counts a failed run once, then reads the streak (empty if the trigger is gone). */
  Mono<FailureState> failed(RunTally.Failed failed) {
    Query notCounted = byId(failed.triggerId()).addCriteria(where(COUNTED).ne(failed.runId()));
    Update count =
        new Update()
            .inc("consecutiveFailures", 1)
            .set("lastError", failed.error())
            .max("lastFailedAt", Date.from(failed.finishedAt()))
            .push(COUNTED)
            .slice(-properties.rememberedRuns())
            .each(failed.runId());
    return mongo
        .updateFirst(notCounted, count, TRIGGERS)
        .then(mongo.findOne(byId(failed.triggerId()), Document.class, TRIGGERS))
        .map(FailureCountStore::state);
  }

  /** Ends the streak, unless a failure that finished later is counted already. */
  Mono<Void> completed(RunTally.Completed completed) {
    Date finishedAt = Date.from(completed.finishedAt());
    Query laterThanStreak =
        byId(completed.triggerId())
            .addCriteria(where("consecutiveFailures").gt(0))
            .addCriteria(where("lastFailedAt").lte(finishedAt));
    return mongo
        .updateFirst(laterThanStreak, new Update().set("consecutiveFailures", 0), TRIGGERS)
        .then();
  }

  /**
   * Disables the trigger if it is still enabled with at least {@code threshold} failures; emits
   * whether this call did. A schedule's {@code nextRunAt} and buffered instant go, as on any
   * disable, so that enabling it later starts afresh.
   */
  Mono<Boolean> pause(FailureState state, String runId, int threshold, Instant now) {
    Query stillFailing =
        byId(state.triggerId())
            .addCriteria(where("enabled").is(true))
            .addCriteria(where("consecutiveFailures").gte(threshold));
    Update pause =
        new Update()
            .set("enabled", false)
            .set("autoPausedAt", Date.from(now))
            .set("autoPause.runId", runId)
            .set("updatedAt", Date.from(now))
            .unset("nextRunAt")
            .unset("schedule.bufferedAt");
    return mongo
        .updateFirst(stillFailing, pause, TRIGGERS)
        .map(result -> result.getModifiedCount() == 1);
  }

  /** The workspace's {@code autoPauseAfterFailures}, or empty when it has none. */
  Mono<Integer> workspaceDefault(String workspaceId) {
    return mongo
        .findOne(byId(workspaceId), Document.class, WORKSPACES)
        .mapNotNull(workspace -> workspace.get("autoPauseAfterFailures"))
        .filter(Number.class::isInstance)
        .map(value -> ((Number) value).intValue());
  }

  private static Query byId(String id) {
    return Query.query(where("_id").is(id));
  }

  private static FailureState state(Document trigger) {
    Document autoPause = trigger.get("autoPause", Document.class);
    Object threshold = trigger.get("autoPauseAfterFailures");
    Object failures = trigger.get("consecutiveFailures");
    return new FailureState(
        trigger.getString("_id"),
        trigger.getString("workspaceId"),
        trigger.getString("workflowId"),
        String.valueOf(trigger.getString("type")),
        Boolean.TRUE.equals(trigger.getBoolean("enabled")),
        failures instanceof Number n ? n.longValue() : 0,
        threshold instanceof Number n ? n.intValue() : null,
        autoPause == null ? null : autoPause.getString("runId"),
        trigger.getString("lastError"));
  }
}
