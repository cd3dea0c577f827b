package io.outrun.listener.publish;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schedule instant's run request: {@code $trigger} is {@code {scheduledAt, catchUp}}, and the
 * event id {@code "schedule", triggerId, scheduledAt}, so an instant fired twice (a republished
 * tick, two replicas) names the same run.
 */
public final class ScheduleRunRequest {

  private ScheduleRunRequest() {}

  /**
   * @param catchUp whether the instant fires later than the late tolerance
   */
  public static RunRequested of(
      FireableTrigger trigger, Instant scheduledAt, boolean catchUp, Instant now) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("scheduledAt", scheduledAt.toString());
    payload.put("catchUp", catchUp);
    TriggeredBy triggeredBy =
        new TriggeredBy(TriggerType.SCHEDULE, trigger.triggerId(), "schedule", payload);
    return TriggerRequests.of(trigger, triggeredBy, now)
        .idFrom("schedule", trigger.triggerId(), scheduledAt.toString())
        .build();
  }
}
