package io.outrun.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.kafka.*}: how Outrun uses Kafka. Where Kafka is, and client settings, come from
 * Spring Boot's {@code spring.kafka.*} properties.
 *
 * @param publishTimeout how long a publish may wait for the broker's acknowledgement
 * @param topicPartitions partitions of the topics Outrun creates (if they do not exist)
 * @param replicationFactor replication of the topics Outrun creates (3 in production)
 * @param createTopics whether services create their topics at startup
 */
@ConfigurationProperties("outrun.kafka")
public record EventBusProperties(
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue("6") int topicPartitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("true") boolean createTopics) {}
