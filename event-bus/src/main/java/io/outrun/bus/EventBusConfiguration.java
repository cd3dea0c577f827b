package io.outrun.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.events.EventCodec;
import io.outrun.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;

/**
 * Wires the event bus from Spring Boot's {@code spring.kafka.*} properties: every service that has
 * this module on its classpath gets an {@link EventPublisher} and an {@link EventConsumers}.
 */
@AutoConfiguration
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusConfiguration {

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  /** Only the Kafka client metrics in {@link BusMetrics#KAFKA_CLIENT_METERS} are exported. */
  @Bean
  static MeterFilter kafkaClientMeterFilter() {
    return MeterFilter.deny(
        id ->
            id.getName().startsWith("kafka.")
                && !BusMetrics.KAFKA_CLIENT_METERS.contains(id.getName()));
  }

  @Bean(destroyMethod = "close")
  KafkaClientMeters kafkaClientMeters(
      EventBusProperties bus, ObjectProvider<MeterRegistry> meters) {
    return new KafkaClientMeters(
        meters.getIfAvailable(SimpleMeterRegistry::new), bus.clientMetricsRefresh());
  }

  @Bean(destroyMethod = "close")
  EventPublisher eventPublisher(
      KafkaProperties kafka,
      EventBusProperties bus,
      EventCodec codec,
      KafkaClientMeters clientMeters,
      ObjectProvider<MeterRegistry> meters) {
    SenderOptions<String, byte[]> options =
        senderOptions(kafka, bus).producerListener(clientMeters.producers());
    return new EventPublisher(
        withProducer(KafkaSender.create(options)),
        codec,
        new EventPublisher.Limits(bus.publishTimeout(), maxEventBytes(options, bus)),
        new PublishMeters(meters.getIfAvailable(SimpleMeterRegistry::new)));
  }

  /**
   * {@code sender}, its producer made now, on the thread configuring the bean. reactor-kafka makes
   * a sender's producer on the thread of its first send, which for us is an event loop (blocking
   * there is a bug, and BlockHound fails it), and keeps a failed making for every later send: a
   * service whose first publish met that could publish nothing until restarted.
   */
  static <K, V> KafkaSender<K, V> withProducer(KafkaSender<K, V> sender) {
    sender.doOnProducer(producer -> Boolean.TRUE).block(Duration.ofSeconds(30));
    return sender;
  }

  /**
   * The producer refuses a record over its {@code max.request.size} (1 MiB unless configured); the
   * margin leaves room for what the record adds to the event's JSON: the key, batch and record
   * framing (under 100 bytes) and the headers a dead letter gets (its reason, up to 500
   * characters).
   */
  static int maxEventBytes(SenderOptions<String, byte[]> options, EventBusProperties bus) {
    Object configured =
        options
            .producerProperties()
            .getOrDefault(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                ProducerConfig.configDef()
                    .defaultValues()
                    .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    int maxRequestSize =
        (Integer)
            ConfigDef.parseType(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, configured, ConfigDef.Type.INT);
    long limit = maxRequestSize - bus.recordSizeMargin().toBytes();
    if (limit < 1024) {
      throw new IllegalArgumentException(
          "outrun.kafka.record-size-margin leaves less than 1 KB of max.request.size ("
              + maxRequestSize
              + " bytes) for an event");
    }
    return (int) limit;
  }

  @Bean(destroyMethod = "close")
  EventConsumers eventConsumers(
      KafkaProperties kafka,
      EventBusProperties bus,
      EventCodec codec,
      KafkaClientMeters clientMeters,
      ObjectProvider<MeterRegistry> meters) {
    return new EventConsumers(
        consumerProperties(kafka),
        bus.commitInterval(),
        senderOptions(kafka, bus),
        codec,
        meters.getIfAvailable(SimpleMeterRegistry::new),
        clientMeters);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "outrun.kafka.create-topics", matchIfMissing = true)
  KafkaAdmin.NewTopics outrunTopics(EventBusProperties bus) {
    List<NewTopic> topics =
        Topics.all().stream()
            .map(
                name ->
                    TopicBuilder.name(name)
                        .partitions(bus.topicPartitions())
                        .replicas(bus.replicationFactor())
                        .build())
            .toList();
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  static SenderOptions<String, byte[]> senderOptions(
      KafkaProperties kafka, EventBusProperties bus) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // "202 means on Kafka": every in-sync replica has it, and retries never duplicate it.
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    long timeoutMs = bus.publishTimeout().toMillis();
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs * 2);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
    // reactor-kafka's in-flight bound applies within one send(...) publisher, and every send of
    // ours carries one record: a bound of 1 is exact, and the queue it sizes for each send is one
    // slot instead of an array of 1,024 (4 KB allocated per event published).
    return SenderOptions.<String, byte[]>create(props).maxInFlight(1);
  }

  /**
   * The most a fetch answers with, unless configured otherwise ({@code fetch.max.bytes}; Kafka's
   * default is 50 MB, and 1 MB per partition). A consumer reads each answer into one array, and an
   * array of half a G1 heap region or more (regions are 1 MB in heaps under 2 GB, as the local
   * stack's) is allocated straight into the old generation, where such allocations start concurrent
   * collection cycles. Under a backlog the runner's consumers read 1 MB answers about once a second
   * (docs/benchmarks.md, "bench webhooks"); this keeps them under half a megabyte, still hundreds
   * of events each. A record larger than this still arrives: a fetch always carries its first
   * batch.
   */
  static final int FETCH_MAX_BYTES = 448 * 1024;

  static Map<String, Object> consumerProperties(KafkaProperties kafka) {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_MAX_BYTES);
    return props;
  }
}
