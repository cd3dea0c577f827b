package io.outrun.bus;

import reactor.core.publisher.Flux;
import reactor.kafka.receiver.KafkaReceiver;

/**
 * Receives the records of one topic, as bytes, for one consumer group: for triggers on topics that
 * are not Outrun's. Nothing is dead-lettered (the topic is not ours to add to); what a record holds
 * is the caller's to judge. Only the offsets marked through {@link RecordDelivery#commit()} are
 * committed, every {@code outrun.kafka.commit-interval}, at a rebalance and at close.
 */
public final class RecordConsumer {

  private final KafkaReceiver<byte[], byte[]> receiver;

  RecordConsumer(KafkaReceiver<byte[], byte[]> receiver) {
    this.receiver = receiver;
  }

  /**
   * The records in partition order; subscribe once. Cancelling the subscription closes the consumer
   * and leaves the group, so its partitions go to the group's other members.
   */
  public Flux<RecordDelivery> receive() {
    return receiver.receive().map(RecordDelivery::of);
  }
}
