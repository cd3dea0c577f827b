package io.outrun.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.SenderOptions;

/**
 * Binds the Kafka clients' own metrics (Micrometer's {@link KafkaClientMetrics}) while a client
 * lives: consumer lag per topic and partition ({@code kafka.consumer.fetch.manager.records.lag}),
 * fetch, request and error rates. A consumer's meters carry its {@link BusMetrics#GROUP}, a
 * producer's {@link #NO_GROUP}. New client metrics (a partition assigned) are picked up every
 * {@code refresh}, on one daemon thread of this class's own.
 */
final class KafkaClientMeters implements AutoCloseable {

  /**
   * A producer's {@link BusMetrics#GROUP}: some client metrics (e.g. {@code kafka.app.info}) are
   * common to producers and consumers, and a Prometheus name keeps one set of labels.
   */
  static final String NO_GROUP = "none";

  private final MeterRegistry meters;
  private final Duration refresh;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().daemon().name("kafka-client-meters").unstarted(runnable));
  private final Map<String, KafkaClientMetrics> bound = new ConcurrentHashMap<>();

  KafkaClientMeters(MeterRegistry meters, Duration refresh) {
    this.meters = meters;
    this.refresh = refresh;
  }

  /** Binds the metrics of each consumer created with these options, tagged with its group. */
  ReceiverOptions.ConsumerListener consumers(String group) {
    List<Tag> tags = List.of(Tag.of(BusMetrics.GROUP, group));
    return new ReceiverOptions.ConsumerListener() {
      @Override
      public void consumerAdded(String id, Consumer<?, ?> consumer) {
        bind(id, new KafkaClientMetrics(consumer, tags, scheduler, refresh));
      }

      @Override
      public void consumerRemoved(String id, Consumer<?, ?> consumer) {
        unbind(id);
      }
    };
  }

  /** Binds the metrics of each producer created with these options. */
  SenderOptions.ProducerListener producers() {
    return new SenderOptions.ProducerListener() {
      @Override
      public void producerAdded(String id, Producer<?, ?> producer) {
        bind(
            id,
            new KafkaClientMetrics(
                producer, List.of(Tag.of(BusMetrics.GROUP, NO_GROUP)), scheduler, refresh));
      }

      @Override
      public void producerRemoved(String id, Producer<?, ?> producer) {
        unbind(id);
      }
    };
  }

  private void bind(String id, KafkaClientMetrics metrics) {
    metrics.bindTo(meters);
    KafkaClientMetrics previous = bound.put(id, metrics);
    if (previous != null) {
      previous.close();
    }
  }

  private void unbind(String id) {
    KafkaClientMetrics metrics = bound.remove(id);
    if (metrics != null) {
      metrics.close();
    }
  }

  @Override
  public void close() {
    bound.values().forEach(KafkaClientMetrics::close);
    bound.clear();
    scheduler.shutdownNow();
  }
}
