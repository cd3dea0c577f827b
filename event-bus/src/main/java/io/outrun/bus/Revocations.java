package io.outrun.bus;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import reactor.kafka.receiver.ReceiverPartition;

/**
 * The partitions one consumer has given up at rebalances, so that a delivery it still holds can
 * tell its partition went to another owner (or came back to this one), who receives the record
 * again from the last committed offset.
 */
final class Revocations {

  private long rebalances;
  private final Map<Integer, Long> revokedAt = new ConcurrentHashMap<>();

  /** Called by the consumer, on its thread, with the partitions it gives up. */
  synchronized void revoked(Collection<ReceiverPartition> partitions) {
    rebalances++;
    partitions.forEach(p -> revokedAt.put(p.topicPartition().partition(), rebalances));
  }

  /** Whether {@code partition} is given up after now, for a record received now. */
  synchronized BooleanSupplier receivedNow(int partition) {
    long receivedAt = rebalances;
    return () -> revokedAt.getOrDefault(partition, 0L) > receivedAt;
  }
}
