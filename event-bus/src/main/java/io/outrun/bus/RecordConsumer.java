package io.outrun.bus;

import reactor.core.publisher.Flux;
import reactor.kafka.receiver.KafkaReceiver;

/**
 * Receives the records of one topic, as bytes, for one consumer group: for triggers on topics that
 * are not Outrun's. Nothing is dead-lettered (the topic is not ours to add to); what a record holds
 * is the caller's to judge. Offsets are committed only through {@link RecordDelivery#commit()}.
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
