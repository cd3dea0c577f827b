package io.outrun.bus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import reactor.kafka.receiver.ReceiverPartition;

/**
 * The partitions one consumer has given up at rebalances, so that a delivery it still holds can
 * tell its partition went to another owner (or came back to this one), who receives the record
 * again from the last committed offset.
 *
 * <p>Only a consumer that lets a rebalance go on without its records (an unordered one) keeps them;
 * the others wait for theirs to be acknowledged first, so theirs are never handed over while held
 * and share {@link #NONE}, which costs a delivery nothing.
 */
class Revocations {

  private static final BooleanSupplier NEVER = () -> false;

  /** For a consumer whose deliveries are never handed over while held. */
  static final Revocations NONE =
      new Revocations() {
        @Override
        void recordRevoked(List<Integer> partitions) {
          // never listened to: its consumers wait for their records at a rebalance
        }

        @Override
        BooleanSupplier receivedNow(int partition) {
          return NEVER;
        }
      };

  // written only on the consumer's thread, in recordRevoked(), after the partitions it revokes
  private volatile long rebalances;
  private final Map<Integer, Long> revokedAt = new ConcurrentHashMap<>();

  /** A revoke listener: called by the consumer, on its thread, with the partitions it gives up. */
  void revoked(Collection<ReceiverPartition> partitions) {
    recordRevoked(partitions.stream().map(p -> p.topicPartition().partition()).toList());
  }

  /** Records that the partitions numbered {@code partitions} are given up now. */
  void recordRevoked(List<Integer> partitions) {
    long rebalance = rebalances + 1;
    partitions.forEach(partition -> revokedAt.put(partition, rebalance));
    rebalances = rebalance;
  }

  /**
   * Whether {@code partition} is given up after now, for a record received now. A record received
   * while a revocation is being recorded counts as received before it: its partition is given up.
   */
  BooleanSupplier receivedNow(int partition) {
    long receivedAt = rebalances;
    return () -> revokedAt.getOrDefault(partition, 0L) > receivedAt;
  }
}
