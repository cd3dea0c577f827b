package io.outrun.listener.kafkatopic;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.RecordConsumer;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.webhook.WebhookJson;
import io.outrun.listener.webhook.WebhookProperties;
import io.outrun.triggers.KafkaTopicConfig;
import io.outrun.triggers.KafkaTopicStart;
import io.outrun.triggers.StoredConfig;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;

/**
 * Makes and starts the consumer of a fireable kafka_topic trigger, in the trigger's own consumer
 * group ({@link KafkaTopicConfig#consumerGroup}), on Outrun's cluster or the one its config names,
 * a new group starting where {@code startFrom} says; or says why it cannot: a config the rules
 * refuse, a cluster not configured, a filter that does not compile. A record is bounded by the
 * webhook body limit and JSON limits: what a run's payload may be from any trigger.
 */
@Component
class TopicConsumerFactory {

  /** A started consumer, or why there is none. */
  sealed interface Made {}

  record Started(TopicConsumer consumer) implements Made {}

  record Refused(String reason) implements Made {}

  private final EventConsumers consumers;
  private final KafkaTopicRuns runs;
  private final KafkaTopicProperties properties;
  private final RecordPayloads payloads;

  TopicConsumerFactory(
      EventConsumers consumers,
      KafkaTopicRuns runs,
      KafkaTopicProperties properties,
      WebhookProperties webhook) {
    this.consumers = consumers;
    this.runs = runs;
    this.properties = properties;
    this.payloads =
        new RecordPayloads(
            new WebhookJson(webhook.json(), webhook.maxBodySize().toBytes()),
            webhook.maxBodySize().toBytes());
  }

  Made start(FireableTrigger trigger) {
    Optional<KafkaTopicConfig> read = trigger.config().as(KafkaTopicConfig.class);
    if (read.isEmpty()) {
      return new Refused(
          trigger.config() instanceof StoredConfig.Unreadable unreadable
              ? unreadable.reason()
              : "not a kafka_topic config");
    }
    KafkaTopicConfig config = read.get();
    Optional<Map<String, Object>> cluster = properties.clusterProperties(config.cluster());
    if (cluster.isEmpty()) {
      return new Refused(
          "cluster '"
              + config.cluster()
              + "' is not configured (outrun.listener.kafka-topic.clusters)");
    }
    RecordFilter filter;
    try {
      filter = RecordFilter.of(config.filter(), properties.filterTimeout());
    } catch (RuntimeException e) {
      return new Refused("the filter does not compile: " + e.getMessage());
    }
    TopicConsumer consumer = new TopicConsumer(trigger, payloads, filter);
    consumer.start(
        () -> records(trigger, config, cluster.get()).receive(),
        runs::handle,
        Retry.backoff(Long.MAX_VALUE, properties.minBackoff())
            .maxBackoff(properties.maxBackoff())
            .transientErrors(true));
    return new Started(consumer);
  }

  /**
   * The trigger's records: a partition its group has no committed offset for starts at the
   * trigger's creation, or with {@code startFrom: earliest} (or a document without {@code
   * createdAt}) at the oldest record kept.
   */
  private RecordConsumer records(
      FireableTrigger trigger, KafkaTopicConfig config, Map<String, Object> cluster) {
    String group = KafkaTopicConfig.consumerGroup(trigger.triggerId());
    if (config.startFrom() == KafkaTopicStart.CREATED && trigger.createdAt() != null) {
      return consumers.createRecordsSince(group, config.topic(), cluster, trigger.createdAt());
    }
    return consumers.createRecords(group, config.topic(), cluster);
  }
}
