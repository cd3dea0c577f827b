package io.outrun.listener.kafkatopic;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.kafka-topic.*}.
 *
 * @param enabled whether this replica consumes for kafka_topic triggers at all
 * @param reconcileInterval how often the consumers are compared with the registry's fireable
 *     kafka_topic triggers (a trigger created, changed, disabled or paused is picked up within it)
 * @param consumer Kafka consumer properties over the service's own ({@code spring.kafka.*}) for
 *     topics on Outrun's own cluster, e.g. {@code max.poll.records} ({@code auto.offset.reset} is
 *     not taken: a trigger's {@code startFrom} says where a new trigger starts)
 * @param clusters other clusters a trigger may name in {@code config.cluster}: each a map of Kafka
 *     consumer properties ({@code bootstrap.servers}, {@code security.protocol}, {@code
 *     sasl.jaas.config}, ...), over the service's own
 * @param filterTimeout longest evaluation of a trigger's JSONata filter on one record
 * @param stopTimeout how long stopping a consumer (trigger gone or disabled, shutdown) waits for
 *     the record under way to be published and committed
 * @param minBackoff first wait before a run request Kafka did not acknowledge is published again,
 *     or a failed consumer is made again from the committed offsets
 * @param maxBackoff longest wait between such attempts
 * @param taggedTriggers how many triggers get a series of their own in the records counter; later
 *     ones share {@code trigger="other"}
 */
@ConfigurationProperties("outrun.listener.kafka-topic")
public record KafkaTopicProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("250ms") Duration reconcileInterval,
    @DefaultValue Map<String, String> consumer,
    @DefaultValue Map<String, Map<String, String>> clusters,
    @DefaultValue("200ms") Duration filterTimeout,
    @DefaultValue("10s") Duration stopTimeout,
    @DefaultValue("1s") Duration minBackoff,
    @DefaultValue("60s") Duration maxBackoff,
    @DefaultValue("100") int taggedTriggers) {

  public KafkaTopicProperties {
    consumer = Map.copyOf(consumer);
    clusters = Map.copyOf(clusters);
    if (reconcileInterval.isZero() || reconcileInterval.isNegative()) {
      throw new IllegalArgumentException("reconcile-interval must be > 0");
    }
    if (minBackoff.isZero() || minBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException("need 0 < min-backoff <= max-backoff");
    }
  }

  /** The consumer properties of {@code cluster} (null: Outrun's own), empty if not configured. */
  java.util.Optional<Map<String, Object>> clusterProperties(String cluster) {
    Map<String, String> chosen = cluster == null ? consumer : clusters.get(cluster);
    return java.util.Optional.ofNullable(chosen).map(Map::<String, Object>copyOf);
  }

  /** Never the clusters' settings: they may hold credentials. */
  @Override
  public String toString() {
    return "KafkaTopicProperties[enabled=" + enabled + ", clusters=" + clusters.keySet() + "]";
  }
}
