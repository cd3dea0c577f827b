package io.outrun.listener.schedule;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.RegistryDocuments;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The schedule state kept on {@code triggers} documents ({@code nextRunAt}, {@code schedule.*}) and
 * the status of the runs schedules started.
 *
 * <p>Every write of a schedule's state is conditional on the {@code nextRunAt} the tick read, so a
 * second tick working from the same reading (a ShedLock double fire), or trigger-api resetting the
 * schedule meanwhile, makes it a no-op.
 */
@Component
class ScheduleStore {

  static final String TRIGGERS = "triggers";
  static final String RUNS = "runs";

  private final ReactiveMongoTemplate mongo;

  ScheduleStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Starts a schedule at {@code nextRunAt} unless it has started, or has been disabled. */
  Mono<Boolean> seed(String triggerId, Instant nextRunAt) {
    Query unseeded =
        Query.query(
            where("_id").is(triggerId).and("enabled").is(true).and("nextRunAt").exists(false));
    return mongo
        .updateFirst(unseeded, new Update().set("nextRunAt", Date.from(nextRunAt)), TRIGGERS)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** The schedule triggers with these ids; one query on {@code _id}. */
  Flux<ScheduledTrigger> find(Collection<String> triggerIds) {
    Query query =
        Query.query(where("_id").in(triggerIds).and("type").is(TriggerType.SCHEDULE.wireName()));
    query.fields().include("config", "nextRunAt", "schedule");
    return mongo.find(query, Document.class, TRIGGERS).map(ScheduleStore::scheduledTrigger);
  }

  /** The status of each of these runs that exists, by run id. */
  Mono<Map<String, String>> runStatuses(Collection<String> runIds) {
    if (runIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    Query query = Query.query(where("_id").in(runIds));
    query.fields().include("status");
    return mongo
        .find(query, Document.class, RUNS)
        .collectMap(
            run -> RegistryDocuments.id(run.get("_id")), run -> String.valueOf(run.get("status")));
  }

  /** One unordered bulk write: each advance applies only if {@code nextRunAt} is as read. */
  Mono<Void> advance(List<ScheduleAdvance> advances) {
    if (advances.isEmpty()) {
      return Mono.empty();
    }
    ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, TRIGGERS);
    advances.forEach(advance -> bulk.updateOne(asRead(advance), advance.update()));
    return bulk.execute().then();
  }

  private static Query asRead(ScheduleAdvance advance) {
    return Query.query(
        where("_id")
            .is(advance.triggerId())
            .and("nextRunAt")
            .is(Date.from(advance.readNextRunAt())));
  }

  private static ScheduledTrigger scheduledTrigger(Document document) {
    Document state = document.get("schedule") instanceof Document d ? d : new Document();
    return new ScheduledTrigger(
        RegistryDocuments.id(document.get("_id")),
        TriggerConfigs.fromStored(TriggerType.SCHEDULE, document.get("config")),
        RegistryDocuments.instant(document.get("nextRunAt")),
        state.getString("lastRunId"),
        RegistryDocuments.instant(state.get("lastRunRequestedAt")),
        RegistryDocuments.instant(state.get("bufferedAt")));
  }
}
