package io.outrun.bench;

import io.outrun.events.EventCodec;
import io.outrun.events.StepFinished;
import io.outrun.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The {@code step-finished} events on {@code outrun.run-progress}, read from the start. A step the
 * runner found recorded is reported again with the time it finished then; a step executed again is
 * reported with a new time.
 */
final class RunProgress {

  private static final EventCodec CODEC = new EventCodec();

  private RunProgress() {}

  /**
   * For each step ({@code runId/nodeId}) of {@code workflowId}'s runs, the finish times it was
   * reported with, to the millisecond (what MongoDB keeps of a stored step's start).
   */
  static Map<String, Set<Instant>> stepFinishTimes(String bootstrapServers, String workflowId) {
    Map<String, Set<Instant>> times = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.RUN_PROGRESS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                record -> {
                  if (CODEC.decode(record.value()) instanceof EventCodec.Decoded.Readable readable
                      && readable.event() instanceof StepFinished step
                      && step.workflowId().equals(workflowId)) {
                    times
                        .computeIfAbsent(step.runId() + "/" + step.nodeId(), k -> new HashSet<>())
                        .add(step.occurredAt().truncatedTo(ChronoUnit.MILLIS));
                  }
                });
      }
    }
    return times;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class));
  }
}
