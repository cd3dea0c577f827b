package io.outrun.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.kafka.*}: how Outrun uses Kafka. Where Kafka is, and client settings, come from
 * Spring Boot's {@code spring.kafka.*} properties.
 *
 * @param publishTimeout how long a publish may wait for the broker's acknowledgement
 * @param topicPartitions partitions of the topics Outrun creates (if they do not exist)
 * @param replicationFactor replication of the topics Outrun creates (3 in production)
 * @param createTopics whether services create their topics at startup
 * @param recordSizeMargin how much of the producer's {@code max.request.size} is kept for what a
 *     record adds to an event's JSON (key, framing, dead-letter headers); a larger event is not
 *     sent (a run request's payload is then stored aside, docs/adr/0005-claim-check.md)
 * @param clientMetricsRefresh how often the Kafka clients' metrics are looked at for new ones (a
 *     partition's lag appears once the partition is assigned)
 * @param commitInterval how often an event consumer commits the offsets of the records it has
 *     handled (and acknowledged); a crash redelivers at most about this long of handled records
 */
@ConfigurationProperties("outrun.kafka")
public record EventBusProperties(
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue("6") int topicPartitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("true") boolean createTopics,
    @DefaultValue("16KB") DataSize recordSizeMargin,
    @DefaultValue("30s") Duration clientMetricsRefresh,
    @DefaultValue("100ms") Duration commitInterval) {
  public EventBusProperties {
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("outrun.kafka.commit-interval must be positive");
    }
  }
}
