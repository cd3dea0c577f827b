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
 */
public final class EventPublisher implements AutoCloseable {

  private final KafkaSender<String, byte[]> sender;
  private final EventCodec codec;
  private final Duration timeout;

  EventPublisher(KafkaSender<String, byte[]> sender, EventCodec codec, Duration timeout) {
    this.sender = sender;
    this.codec = codec;
    this.timeout = timeout;
  }

  public Mono<Void> publish(OutrunEvent event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(Topics.topicFor(event), event.key(), codec.encode(event));
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
}
