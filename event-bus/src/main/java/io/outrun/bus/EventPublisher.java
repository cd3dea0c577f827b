package io.outrun.bus;

import io.outrun.events.EventCodec;
import io.outrun.events.OutrunEvent;
import io.outrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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

  private static final String NO_ACK = "Kafka did not acknowledge within ";

  private final KafkaSender<String, byte[]> sender;
  private final EventCodec codec;
  private final Duration timeout;
  private final int maxEventBytes;
  private final PublishMeters meters;

  /** How long a publish waits for its acknowledgement, and the largest event JSON sent. */
  record Limits(Duration timeout, int maxEventBytes) {}

  EventPublisher(
      KafkaSender<String, byte[]> sender, EventCodec codec, Limits limits, PublishMeters meters) {
    this.sender = sender;
    this.codec = codec;
    this.timeout = limits.timeout();
    this.maxEventBytes = limits.maxEventBytes();
    this.meters = meters;
  }

  /**
   * The largest event JSON this publisher sends: the producer's {@code max.request.size} less
   * {@code outrun.kafka.record-size-margin} for the record's key, headers and batch framing.
   */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  public Mono<Void> publish(OutrunEvent event) {
    return publish(event, Map.of());
  }

  /**
   * As {@link #publish(OutrunEvent)}, with {@code headers} on the record (a W3C {@code
   * traceparent}, for one): names and values are plain strings, sent as UTF-8.
   */
  public Mono<Void> publish(OutrunEvent event, Map<String, String> headers) {
    return publishIfFits(event, headers)
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
    return publishIfFits(event, Map.of());
  }

  /** As {@link #publishIfFits(OutrunEvent)}, with {@code headers} on the record. */
  public Mono<Publication> publishIfFits(OutrunEvent event, Map<String, String> headers) {
    return Mono.defer(
        () -> {
          byte[] json = codec.encode(event);
          return json.length > maxEventBytes
              ? Mono.just(new Publication.TooLarge(json.length, maxEventBytes))
              : send(event, json, headers).thenReturn(Publication.PUBLISHED);
        });
  }

  private Mono<Void> send(OutrunEvent event, byte[] json, Map<String, String> headers) {
    String topic = Topics.topicFor(event);
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), json);
    headers.forEach(
        (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return Mono.defer(
        () -> {
          long sent = System.nanoTime();
          return send(event, record)
              .doOnSuccess(
                  done -> meters.acknowledged(topic, Duration.ofNanos(System.nanoTime() - sent)))
              .doOnError(
                  e ->
                      meters.failed(
                          topic, timedOut(e) ? PublishMeters.TIMEOUT : PublishMeters.ERROR));
        });
  }

  private Mono<Void> send(OutrunEvent event, ProducerRecord<String, byte[]> record) {
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
            TimeoutException.class, e -> new PublishFailedException(event, NO_ACK + timeout))
        .onErrorMap(
            e -> !(e instanceof PublishFailedException), e -> new PublishFailedException(event, e));
  }

  /** Our own wait ran out, or the producer's (its delivery or metadata timeout). */
  private static boolean timedOut(Throwable e) {
    return (e.getMessage() != null && e.getMessage().contains(NO_ACK))
        || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
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
