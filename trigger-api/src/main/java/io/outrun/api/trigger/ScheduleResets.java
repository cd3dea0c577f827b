package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.workflow.ScheduleReset;
import io.outrun.events.TriggerType;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one way trigger-api touches a schedule's listener-kept state: it unsets {@code nextRunAt} and
 * {@code schedule.bufferedAt} (never sets them), so the listener seeds the schedule again from its
 * first instant after "now" instead of catching up. Done with the trigger's own update when it is
 * disabled, enabled or replaced ({@link #reset(Update)}), and for all schedules of a workflow
 * around its status changes ({@link ScheduleReset}).
 */
@Component
class ScheduleResets implements ScheduleReset {

  static final String NEXT_RUN_AT = "nextRunAt";
  static final String BUFFERED_AT = "schedule.bufferedAt";

  private final ReactiveMongoTemplate mongo;

  ScheduleResets(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Adds the reset to {@code update}, so it is applied in the same write. */
  static Update reset(Update update) {
    return update.unset(NEXT_RUN_AT).unset(BUFFERED_AT);
  }

  @Override
  public Mono<Void> resetSchedules(String workspaceId, String workflowId) {
    Query schedules =
        Query.query(
            where("workspaceId")
                .is(workspaceId)
                .and("workflowId")
                .is(workflowId)
                .and("type")
                .is(TriggerType.SCHEDULE.wireName()));
    return mongo.updateMulti(schedules, reset(new Update()), Trigger.COLLECTION).then();
  }
}
