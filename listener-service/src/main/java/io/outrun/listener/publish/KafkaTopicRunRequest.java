package io.outrun.listener.publish;

import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.registry.FireableTrigger;
import java.time.Instant;
import java.util.Map;

/**
 * A Kafka record's run request: the source is {@code kafka_topic:<topic>} and the event id {@code
 * "kafka_topic", triggerId, topic, partition, offset}, so a record delivered again (after a restart
 * or a rebalance) names the same run.
 */
public final class KafkaTopicRunRequest {

  private KafkaTopicRunRequest() {}

  /**
   * @param payload {@code $trigger}: the record's topic, partition, offset, timestamp, key, headers
   *     and value
   */
  public static RunRequested of(
      FireableTrigger trigger,
      String topic,
      int partition,
      long offset,
      Map<String, Object> payload,
      Instant now) {
    TriggeredBy triggeredBy =
        new TriggeredBy(
            TriggerType.KAFKA_TOPIC, trigger.triggerId(), "kafka_topic:" + topic, payload);
    return TriggerRequests.of(trigger, triggeredBy, now)
        .idFrom(
            "kafka_topic",
            trigger.triggerId(),
            topic,
            String.valueOf(partition),
            String.valueOf(offset))
        .build();
  }
}
