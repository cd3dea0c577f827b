package io.outrun.bus;

import io.outrun.events.OutrunEvent;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverOffset;

/**
 * One readable event received from Kafka. Call {@link #commit()} once what the event asked for is
 * stored: a delivery that is never committed is delivered again after a restart or rebalance.
 */
public final class Delivery<E extends OutrunEvent> {

  private final E event;
  private final ReceiverOffset offset;

  Delivery(E event, ReceiverOffset offset) {
    this.event = event;
    this.offset = offset;
  }

  public E event() {
    return event;
  }

  public int partition() {
    return offset.topicPartition().partition();
  }

  public long offset() {
    return offset.offset();
  }

  /** Commits this record's offset (and so every earlier one of its partition). */
  public Mono<Void> commit() {
    return offset.commit();
  }
}
