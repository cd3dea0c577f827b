package io.outrun.bus;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.common.TopicPartition;
import reactor.kafka.receiver.ReceiverPartition;

/**
 * Places the assigned partitions of a consumer whose {@code auto.offset.reset} is {@code none}, on
 * the consumer's thread while they are assigned. A partition with a committed offset stays there,
 * unless that offset is out of the partition's range (records deleted by retention, a topic made
 * again): then the oldest record kept, as {@code earliest} would. One without goes to the first
 * record at or after an instant ({@code offsetsForTimes}), or to the partition's end as read before
 * looking, so a record written while looking is never skipped.
 */
final class RecordStart {

  private RecordStart() {}

  static Consumer<Collection<ReceiverPartition>> since(Instant since) {
    return partitions -> place(partitions, since.toEpochMilli());
  }

  private static void place(Collection<ReceiverPartition> partitions, long since) {
    Map<TopicPartition, ReceiverPartition> assigned =
        partitions.stream()
            .collect(Collectors.toMap(ReceiverPartition::topicPartition, Function.identity()));
    Map<TopicPartition, Long> endsOfNew = startNew(assigned, since);
    assigned.forEach(
        (topicPartition, partition) -> {
          Long end = endsOfNew.get(topicPartition);
          if (end == null) {
            keepInRange(partition);
          } else if (partition.position() > end) {
            // nothing at or after "since" was found: the end then, not the end now
            partition.seek(end);
          }
        });
  }

  /**
   * Finds the partitions with no committed offset (any position() names all of them at once) and
   * seeks each by timestamp; returns their ends as they were before.
   */
  private static Map<TopicPartition, Long> startNew(
      Map<TopicPartition, ReceiverPartition> assigned, long since) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (ReceiverPartition partition : assigned.values()) {
      boolean placed = false;
      while (!placed) {
        try {
          partition.position();
          placed = true;
        } catch (NoOffsetForPartitionException none) {
          for (TopicPartition topicPartition : none.partitions()) {
            ReceiverPartition fresh = assigned.get(topicPartition);
            if (fresh == null || ends.containsKey(topicPartition)) {
              throw none;
            }
            ends.put(topicPartition, fresh.endOffset());
            fresh.seekToTimestamp(since);
          }
        }
      }
    }
    return ends;
  }

  private static void keepInRange(ReceiverPartition partition) {
    long committed = partition.position();
    Long oldest = partition.beginningOffset();
    Long end = partition.endOffset();
    if ((oldest != null && committed < oldest) || (end != null && committed > end)) {
      partition.seekToBeginning();
    }
  }
}
