package io.outrun.bus;

import io.outrun.events.OutrunEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.ReceiverOffset;

/**
 * One readable event received from Kafka. Call {@link #commit()} once what the event asked for is
 * stored: a delivery that is never committed is delivered again after a restart or rebalance.
 */
public final class Delivery<E extends OutrunEvent> {

  private final E event;
  private final ReceiverOffset offset;
  private final Headers headers;
  private final Function<String, Mono<Void>> deadLetter;

  Delivery(
      E event, ReceiverOffset offset, Headers headers, Function<String, Mono<Void>> deadLetter) {
    this.event = event;
    this.offset = offset;
    this.headers = headers;
    this.deadLetter = deadLetter;
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

  public int partition() {
    return offset.topicPartition().partition();
  }

  public long offset() {
    return offset.offset();
  }

  /**
   * Commits this record's offset (and so every earlier one of its partition) on subscription.
   * reactor-kafka's own {@code commit()} acknowledges the offset when called, not when subscribed
   * to; the deferral keeps a commit that is composed ahead of time from happening early.
   */
  public Mono<Void> commit() {
    return Mono.defer(offset::commit);
  }

  /**
   * Gives up on this event: sends the record to its topic's dead-letter topic with {@code reason}
   * in a header, counts it, and commits it.
   */
  public Mono<Void> deadLetter(String reason) {
    return deadLetter.apply(reason);
  }
}
