package io.outrun.bus;

import io.outrun.events.EventCodec;
import io.outrun.events.OutrunEvent;
import io.outrun.events.Topics;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Publishes events to their topic, keyed by workflow id. The returned {@link Mono} completes only
 * once the broker has acknowledged the record (acks=all, idempotent producer), so "202 Accepted"
 * can mean "on Kafka". It fails with {@link PublishFailedException} when Kafka does not acknowledge
 * within the configured timeout, so callers answer 503 quickly instead of hanging.
 *
 * <p>An event whose JSON is over {@link #maxEventBytes()} is never sent: Kafka would refuse it, and
 * a caller retrying it would retry for ever. {@link #publishIfFits} tells the caller so as a value
 * (a run request then stores its payload aside); {@link #publish} fails with {@link
 * EventTooLargeException}, which is not an outage.
 */
public final class EventPublisher implements AutoCloseable {

  private final KafkaSender<String, byte[]> sender;
  private final EventCodec codec;
  private final Duration timeout;
  private final int maxEventBytes;

  EventPublisher(
      KafkaSender<String, byte[]> sender, EventCodec codec, Duration timeout, int maxEventBytes) {
    this.sender = sender;
    this.codec = codec;
    this.timeout = timeout;
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * The largest event JSON this publisher sends: the producer's {@code max.request.size} less
   * {@code outrun.kafka.record-size-margin} for the record's key, headers and batch framing.
   */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  public Mono<Void> publish(OutrunEvent event) {
    return publishIfFits(event)
        .flatMap(
            publication ->
                publication instanceof Publication.TooLarge(int bytes, int limit)
                    ? Mono.error(new EventTooLargeException(event, bytes, limit))
                    : Mono.empty());
  }

  /**
   * Publishes {@code event} if its JSON fits in a record, completing with {@link
   * Publication.Published} once Kafka acknowledged it; otherwise sends nothing and completes with
   * {@link Publication.TooLarge}. The event is encoded once either way.
   */
  public Mono<Publication> publishIfFits(OutrunEvent event) {
    return Mono.defer(
        () -> {
          byte[] json = codec.encode(event);
          return json.length > maxEventBytes
              ? Mono.just(new Publication.TooLarge(json.length, maxEventBytes))
              : send(event, json).thenReturn(Publication.PUBLISHED);
        });
  }

  private Mono<Void> send(OutrunEvent event, byte[] json) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.topicFor(event), event.key(), json);
    return sender
        .send(Mono.just(SenderRecord.create(record, event.eventId())))
        .next()
        .flatMap(
            result ->
                result.exception() == null
                    ? Mono.<Void>empty()
                    : Mono.error(new PublishFailedException(event, result.exception())))
        .timeout(timeout)
        .onErrorMap(
            TimeoutException.class,
            e -> new PublishFailedException(event, "Kafka did not acknowledge within " + timeout))
        .onErrorMap(
            e -> !(e instanceof PublishFailedException), e -> new PublishFailedException(event, e));
  }

  @Override
  public void close() {
    sender.close();
  }

  /** What {@link #publishIfFits} did. */
  public sealed interface Publication {

    Published PUBLISHED = new Published();

    /** On Kafka, acknowledged. */
    record Published() implements Publication {}

    /** Not sent: its JSON is {@code bytes} long, over the {@code limit}. */
    record TooLarge(int bytes, int limit) implements Publication {}
  }
}
