package io.outrun.triggers;

import io.outrun.events.TriggerType;
import java.util.Objects;

/**
 * {@code kafka_topic}: one run per record of {@code topic}, on Outrun's own Kafka cluster or, with
 * {@code cluster}, on another one the listener is configured with; {@code filter}, a JSONata
 * expression on the record (as {@code $trigger} will be), keeps only the records it is true for;
 * {@code startFrom} says where a new trigger starts reading.
 *
 * @param cluster the name of a cluster in the listener's configuration, or null for Outrun's own
 * @param filter a JSONata expression, or null for every record
 * @param startFrom where the trigger's group starts on a partition with no committed offset
 */
public record KafkaTopicConfig(
    String topic, String cluster, String filter, KafkaTopicStart startFrom)
    implements TriggerConfig {

  /** Outrun's own topics start with this; on its own cluster they cannot be consumed. */
  public static final String OWN_TOPIC_PREFIX = "outrun.";

  public KafkaTopicConfig {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(startFrom, "startFrom");
  }

  @Override
  public TriggerType type() {
    return TriggerType.KAFKA_TOPIC;
  }

  /** Whether the records come from Outrun's own cluster. */
  public boolean ownCluster() {
    return cluster == null;
  }

  /**
   * The consumer group of a trigger: one per trigger, so its listener replicas share partitions.
   */
  public static String consumerGroup(String triggerId) {
    return "outrun-trigger-" + triggerId;
  }
}
