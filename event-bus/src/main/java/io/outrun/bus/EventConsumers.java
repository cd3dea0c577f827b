package io.outrun.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.EventCodec;
import io.outrun.events.OutrunEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;

/**
 * Creates {@link EventConsumer}s for a consumer group and topic. All consumers share one
 * dead-letter producer, made on first use and closed with this factory.
 *
 * <p>An event consumer commits what its deliveries acknowledged every {@code
 * outrun.kafka.commit-interval}, or sooner once {@link #COMMIT_BATCH} acknowledgements wait, and
 * before it closes or gives up a partition; not one commit per record. A commit is a request to the
 * broker's group coordinator and an append to its offsets log, which at low load cost about as much
 * as the record itself; a crash between an acknowledgement and its commit redelivers what was
 * acknowledged, which Outrun's consumers treat as the no-op a redelivery already is.
 */
public final class EventConsumers implements AutoCloseable {

  /** Acknowledgements after which a consumer commits without waiting for its commit interval. */
  static final int COMMIT_BATCH = 100;

  /**
   * What a fetch of a consumer with a fetch wait gathers before the broker answers it early: about
   * half of what a fetch answers with at most ({@link EventBusConfiguration#FETCH_MAX_BYTES}).
   */
  static final int GATHER_BYTES = 256 * 1024;

  private final Map<String, Object> consumerProperties;
  private final Duration commitInterval;
  private final SenderOptions<String, byte[]> deadLetterOptions;
  private KafkaSender<String, byte[]> deadLetterSender;
  private final EventCodec codec;
  private final MeterRegistry meters;
  private final KafkaClientMeters clientMeters;

  EventConsumers(
      Map<String, Object> consumerProperties,
      Duration commitInterval,
      SenderOptions<String, byte[]> deadLetterSender,
      EventCodec codec,
      MeterRegistry meters,
      KafkaClientMeters clientMeters) {
    this.consumerProperties = consumerProperties;
    this.commitInterval = commitInterval;
    this.deadLetterOptions = deadLetterSender;
    this.codec = codec;
    this.meters = meters;
    this.clientMeters = clientMeters;
  }

  /**
   * A consumer of {@code type} events on {@code topic} in consumer group {@code groupId}. Only
   * offsets acknowledged through {@link Delivery#acknowledge()} are committed.
   */
  public <E extends OutrunEvent> EventConsumer<E> create(
      String groupId, String topic, Class<E> type) {
    return create(groupId, topic, type, Duration.ZERO);
  }

  /**
   * Like {@link #create}, for a consumer that need not see each record as soon as it is written:
   * the broker answers its fetches once {@code fetchWait} has passed or {@link #GATHER_BYTES} wait
   * (zero: at once, as {@link #create}). At low and moderate rates a record then costs the consumer
   * and the broker a share of one fetch, not a fetch of its own: each fetch the broker answers is a
   * response it writes and a poll that wakes the consumer, as costly as the record's produce.
   */
  public <E extends OutrunEvent> EventConsumer<E> create(
      String groupId, String topic, Class<E> type, Duration fetchWait) {
    return create(groupId, topic, type, 0, false, fetchWait);
  }

  /**
   * Like {@link #create(String, String, Class, Duration)}, for a second reader of a topic another
   * consumer group owns: records it cannot read are skipped and acknowledged, not dead-lettered
   * (the owner dead-letters them once).
   */
  public <E extends OutrunEvent> EventConsumer<E> createObserver(
      String groupId, String topic, Class<E> type, Duration fetchWait) {
    return create(groupId, topic, type, 0, true, fetchWait);
  }

  /**
   * Like {@link #create}, for a consumer that handles a partition's records concurrently and so
   * acknowledges them in any order. An acknowledged offset is committed only once every earlier
   * record of its partition is acknowledged too, so a restart redelivers from the oldest unfinished
   * record. Every delivery must be acknowledged or dead-lettered, or its partition's offset stops
   * advancing; with {@code maxUncommitted} records acknowledged but not committed (most waiting for
   * an earlier one), the consumer pauses.
   *
   * <p>Such a consumer may hold a record for as long as its handling takes (a run, minutes), so a
   * rebalance does not wait for its records to be acknowledged: what is acknowledged is committed,
   * and the partition goes at once. Its records not yet acknowledged are delivered again to the
   * partition's next owner, while this consumer's deliveries of them go on; their later
   * acknowledgements are dropped (reactor-kafka keeps no offsets of a revoked partition), so they
   * never commit for the next owner. The handler must tolerate the two deliveries at once, as the
   * runner's run leases do; a delivery tells it was handed over ({@link Delivery#handedOver()}), so
   * one still waiting to be handled can be let go. (Waiting, reactor-kafka's default, would stop
   * the whole group for up to {@code maxDelayRebalance}, a minute, whenever any record is in hand.)
   */
  public <E extends OutrunEvent> EventConsumer<E> createUnordered(
      String groupId, String topic, Class<E> type, int maxUncommitted) {
    if (maxUncommitted < 1) {
      throw new IllegalArgumentException("maxUncommitted must be positive");
    }
    return create(groupId, topic, type, maxUncommitted, false, Duration.ZERO);
  }

  /**
   * A reader of what {@code topic} receives from now on, for one process: consumer group {@code
   * groupId} (make it unique per process, so every process reads every record), starting at the
   * latest offsets, committing nothing, skipping unreadable records. Records whose key {@code keys}
   * does not want are dropped before they are decoded; {@code assigned} runs (on the consumer's
   * thread) each time partitions are assigned and positioned.
   */
  public <E extends OutrunEvent> EventConsumer<E> createTail(
      String groupId, String topic, Class<E> type, Predicate<String> keys, Runnable assigned) {
    Map<String, Object> props = new HashMap<>(consumerProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    ReceiverOptions<String, byte[]> options =
        ReceiverOptions.<String, byte[]>create(props)
            .subscription(List.of(topic))
            .commitBatchSize(0)
            .addAssignListener(
                partitions -> {
                  // position() resolves "latest" now, so nothing written from here on is missed
                  partitions.forEach(partition -> partition.position());
                  assigned.run();
                })
            .consumerListener(clientMeters.consumers(groupId));
    return new EventConsumer<>(
        KafkaReceiver.create(options),
        deadLetterSender(),
        codec,
        type,
        meters,
        true,
        keys,
        Revocations.NONE);
  }

  /**
   * A consumer of the raw records of {@code topic} in consumer group {@code groupId}, on the
   * cluster {@code cluster} describes: Kafka client properties over the service's own ({@code
   * bootstrap.servers} and security settings of another cluster; empty for Outrun's own). Keys and
   * values are bytes; only the offsets marked through {@link RecordDelivery#commit()} are committed
   * (every commit interval, at a rebalance and at close). A group with no committed offset starts
   * at the oldest record the topic keeps ({@code auto.offset.reset} is set here, whatever {@code
   * cluster} says).
   */
  public RecordConsumer createRecords(String groupId, String topic, Map<String, Object> cluster) {
    return new RecordConsumer(
        KafkaReceiver.create(recordOptions(groupId, topic, cluster, "earliest")));
  }

  /**
   * Like {@link #createRecords}, but a partition the group has no committed offset for starts at
   * the first record whose timestamp is at or after {@code since}, or at the partition's end as it
   * was when assigned if there is none: a new group reads what is written from {@code since} on,
   * nothing before and nothing after it lost. A committed offset the topic no longer keeps moves to
   * the oldest record kept, as {@code auto.offset.reset=earliest} would.
   */
  public RecordConsumer createRecordsSince(
      String groupId, String topic, Map<String, Object> cluster, Instant since) {
    // "none": position() then tells a partition with no committed offset, which RecordStart places
    ReceiverOptions<byte[], byte[]> options =
        recordOptions(groupId, topic, cluster, "none").addAssignListener(RecordStart.since(since));
    return new RecordConsumer(KafkaReceiver.create(options));
  }

  private ReceiverOptions<byte[], byte[]> recordOptions(
      String groupId, String topic, Map<String, Object> cluster, String offsetReset) {
    Map<String, Object> props = new HashMap<>(consumerProperties);
    props.putAll(cluster);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    // no client meters: their group tag would be one series per trigger
    return ReceiverOptions.<byte[], byte[]>create(props)
        .subscription(List.of(topic))
        .commitInterval(commitInterval)
        .commitBatchSize(0);
  }

  private <E extends OutrunEvent> EventConsumer<E> create(
      String groupId,
      String topic,
      Class<E> type,
      int maxDeferredCommits,
      boolean observer,
      Duration fetchWait) {
    if (fetchWait.isNegative()) {
      throw new IllegalArgumentException("fetchWait must not be negative");
    }
    Map<String, Object> props = new HashMap<>(consumerProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    if (!fetchWait.isZero()) {
      props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchWait.toMillis());
      props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, GATHER_BYTES);
    }
    // commits before maxDeferredCommits acknowledgements wait, so the intake never pauses for them
    int commitBatch =
        maxDeferredCommits == 0 ? COMMIT_BATCH : Math.min(COMMIT_BATCH, maxDeferredCommits / 2);
    ReceiverOptions<String, byte[]> options =
        ReceiverOptions.<String, byte[]>create(props)
            .subscription(List.of(topic))
            .commitInterval(commitInterval)
            .commitBatchSize(Math.max(1, commitBatch))
            .maxDeferredCommits(maxDeferredCommits)
            .consumerListener(clientMeters.consumers(groupId));
    Revocations revocations = Revocations.NONE;
    if (maxDeferredCommits > 0) {
      revocations = new Revocations();
      options = options.maxDelayRebalance(Duration.ZERO).addRevokeListener(revocations::revoked);
    }
    if (!observer) {
      // at zero from the start, so "dead letters appearing" has a series to watch
      EventConsumer.deadLettered(meters, topic);
    }
    return new EventConsumer<>(
        KafkaReceiver.create(options),
        deadLetterSender(),
        codec,
        type,
        meters,
        observer,
        k -> true,
        revocations);
  }

  private synchronized KafkaSender<String, byte[]> deadLetterSender() {
    if (deadLetterSender == null) {
      deadLetterSender = KafkaSender.create(deadLetterOptions);
    }
    return deadLetterSender;
  }

  @Override
  public synchronized void close() {
    if (deadLetterSender != null) {
      deadLetterSender.close();
      deadLetterSender = null;
    }
  }
}
