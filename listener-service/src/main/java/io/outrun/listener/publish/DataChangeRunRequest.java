package io.outrun.listener.publish;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;
import java.util.Map;

/**
 * A watched change's run request: the source is {@code data_change:<db>.<collection>} and the event
 * id {@code "data_change", triggerId, changeId}, so a change replayed after a restart names the
 * same run.
 */
public final class DataChangeRunRequest {

  private DataChangeRunRequest() {}

  /**
   * @param namespace the watched {@code db.collection}
   * @param changeId the change event's id (its resume token's {@code _data})
   * @param payload {@code $trigger}: the change event as plain JSON
   */
  public static RunRequested of(
      FireableTrigger trigger,
      String namespace,
      String changeId,
      Map<String, Object> payload,
      Instant now) {
    TriggeredBy triggeredBy =
        new TriggeredBy(
            TriggerType.DATA_CHANGE, trigger.triggerId(), "data_change:" + namespace, payload);
    return TriggerRequests.of(trigger, triggeredBy, now)
        .idFrom("data_change", trigger.triggerId(), changeId)
        .build();
  }
}
