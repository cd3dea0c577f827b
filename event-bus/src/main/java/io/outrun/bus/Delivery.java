package io.outrun.bus;

import io.outrun.events.OutrunEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverOffset;

/**
 * One readable event received from Kafka. Call {@link #acknowledge()} once what the event asked for
 * is stored: a delivery that is never acknowledged is delivered again after a restart or rebalance.
 */
public final class Delivery<E extends OutrunEvent> {

  private final E event;
  private final ReceiverOffset offset;
  private final Headers headers;
  private final Function<String, Mono<Void>> deadLetter;
  private final Function<OutrunEvent, Function<String, Mono<Void>>> deadLetterOf;
  private final BooleanSupplier handedOver;

  /**
   * @param deadLetter dead-letters the record as it was read
   * @param deadLetterOf for {@link #withEvent}: dead-letters the record with another event as its
   *     value; must not hold the record read (that is what {@link #withEvent} lets go of)
   * @param handedOver whether the record's partition has been given up since it was received
   */
  Delivery(
      E event,
      ReceiverOffset offset,
      Headers headers,
      Function<String, Mono<Void>> deadLetter,
      Function<OutrunEvent, Function<String, Mono<Void>>> deadLetterOf,
      BooleanSupplier handedOver) {
    this.event = event;
    this.offset = offset;
    this.headers = headers;
    this.deadLetter = deadLetter;
    this.deadLetterOf = deadLetterOf;
    this.handedOver = handedOver;
  }

  public E event() {
    return event;
  }

  /** The record's last header named {@code name}, read as UTF-8. */
  public Optional<String> header(String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /**
   * This delivery carrying {@code smaller} in place of the event read, and no longer holding the
   * record read: for a consumer that keeps many deliveries waiting and has stored what it drops
   * (the runner keeps a flood's requests so, their runs stored as queued). It acknowledges the same
   * offset; dead-lettered, its record carries {@code smaller} as its value.
   */
  public Delivery<E> withEvent(E smaller) {
    return new Delivery<>(
        smaller, offset, headers, deadLetterOf.apply(smaller), deadLetterOf, handedOver);
  }

  public int partition() {
    return offset.topicPartition().partition();
  }

  public long offset() {
    return offset.offset();
  }

  /**
   * Marks this record handled: its offset (and so every earlier one of its partition, once those
   * are acknowledged too) is committed by the consumer's next commit, which it makes every {@code
   * outrun.kafka.commit-interval}, after {@link EventConsumers#COMMIT_BATCH} acknowledgements, and
   * before it closes or gives up a partition. Acknowledge only once what the record asked for is
   * stored: a crash between the two redelivers the record, never loses it.
   */
  public void acknowledge() {
    offset.acknowledge();
  }

  /**
   * Whether this record's partition was taken from this consumer at a rebalance after the record
   * was received. Unless acknowledged before, the record then goes again to the partition's next
   * owner (perhaps this consumer again, as a new delivery), and an acknowledgement of this delivery
   * is dropped: a consumer that holds records waiting may let go of such a one without handling it.
   * Only for consumers made by {@link EventConsumers#createUnordered}, whose rebalances do not wait
   * for the records in hand; a record received just before a rebalance may not tell.
   */
  public boolean handedOver() {
    return handedOver.getAsBoolean();
  }

  /**
   * Gives up on this event: sends the record to its topic's dead-letter topic with {@code reason}
   * in a header, counts it, and acknowledges it.
   */
  public Mono<Void> deadLetter(String reason) {
    return deadLetter.apply(reason);
  }
}
