package io.outrun.bus;

/**
 * Metric names of the event bus. Kafka's own client metrics (consumer lag, fetch and request rates)
 * are bound too, as {@code kafka.consumer.*} and {@code kafka.producer.*} ({@link
 * KafkaClientMeters}).
 */
public final class BusMetrics {

  /** Records sent to a dead-letter topic, tagged {@link #TOPIC}: the topic they came from. */
  public static final String DEAD_LETTERED = "outrun.events.dead.lettered";

  static final String DEAD_LETTERED_HELP = "Records sent to a dead-letter topic";

  /** Timer: from a publish to the broker's acknowledgement, tagged {@link #TOPIC}; a histogram. */
  public static final String PUBLISH = "outrun.events.publish";

  /**
   * Publishes Kafka did not acknowledge, tagged {@link #TOPIC} and {@link #REASON}: {@code timeout}
   * (no answer within {@code outrun.kafka.publish-timeout}; a webhook or API caller got a 503) or
   * {@code error} (the producer failed it).
   */
  public static final String PUBLISH_FAILURES = "outrun.events.publish.failures";

  /** Tag: a topic. */
  public static final String TOPIC = "topic";

  /** Tag: why a publish failed. */
  public static final String REASON = "reason";

  /** Tag: the consumer group a Kafka consumer's client metrics belong to. */
  public static final String GROUP = "group";

  /**
   * The Kafka client metrics exported (consumer lag, and the producer's sends, errors and request
   * latency); the client registers hundreds more, several under names Prometheus' conventions
   * refuse ({@code _time_ns_total}, {@code _connection_count}) or without a description.
   */
  public static final java.util.Set<String> KAFKA_CLIENT_METERS =
      java.util.Set.of(
          "kafka.consumer.fetch.manager.records.lag",
          "kafka.consumer.fetch.manager.records.lag.max",
          "kafka.consumer.fetch.manager.records.consumed.total",
          "kafka.producer.record.send.total",
          "kafka.producer.record.error.total",
          "kafka.producer.request.latency.avg",
          "kafka.producer.request.latency.max");

  private BusMetrics() {}
}
