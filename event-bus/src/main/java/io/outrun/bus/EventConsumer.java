package io.outrun.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.EventCodec;
import io.outrun.events.OutrunEvent;
import io.outrun.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOffset;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/**
 * Receives events of one type from one topic for one consumer group. Records that cannot be read,
 * or carry another event type, go to the topic's dead-letter topic with the reason in a header and
 * are acknowledged, so they never block their partition; an observer (a second reader of a topic
 * that another consumer owns) only skips and acknowledges them, so they are dead-lettered once.
 */
public final class EventConsumer<E extends OutrunEvent> {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

  private final KafkaReceiver<String, byte[]> receiver;
  private final KafkaSender<String, byte[]> deadLetters;
  private final EventCodec codec;
  private final Class<E> type;
  private final MeterRegistry meters;
  private final boolean observer;
  private final Predicate<String> keys;
  private final Revocations revocations;

  EventConsumer(
      KafkaReceiver<String, byte[]> receiver,
      KafkaSender<String, byte[]> deadLetters,
      EventCodec codec,
      Class<E> type,
      MeterRegistry meters,
      boolean observer,
      Predicate<String> keys,
      Revocations revocations) {
    this.receiver = receiver;
    this.revocations = revocations;
    this.keys = keys;
    this.observer = observer;
    this.deadLetters = deadLetters;
    this.codec = codec;
    this.type = type;
    this.meters = meters;
  }

  /** Readable events in partition order; subscribe once. */
  public Flux<Delivery<E>> receive() {
    return receiver
        .receive()
        .filter(record -> keys.test(record.key()))
        .concatMap(this::readOrDeadLetter);
  }

  /**
   * Runs {@code action} on the Kafka consumer's own thread, after the actions submitted before it;
   * fails unless {@link #receive()} is subscribed. Partitions paused here stay paused until resumed
   * here: reactor-kafka remembers them and leaves them out of its own back-pressure resumes.
   */
  <T> Mono<T> onConsumer(Function<Consumer<String, byte[]>, T> action) {
    return receiver.doOnConsumer(action);
  }

  private Mono<Delivery<E>> readOrDeadLetter(ReceiverRecord<String, byte[]> record) {
    return switch (codec.decode(record.value())) {
      case EventCodec.Decoded.Readable(OutrunEvent event) when type.isInstance(event) ->
          Mono.just(
              new Delivery<>(
                  type.cast(event),
                  record.receiverOffset(),
                  record.headers(),
                  r -> deadLetter(record, r),
                  deadLetterOf(Placed.of(record)),
                  revocations.receivedNow(record.partition())));
      case EventCodec.Decoded.Readable(OutrunEvent event) ->
          deadLetter(record, "unexpected event type " + event.getClass().getSimpleName());
      case EventCodec.Decoded.Unreadable(String reason) -> deadLetter(record, reason);
    };
  }

  static Counter deadLettered(MeterRegistry meters, String topic) {
    return Counter.builder(BusMetrics.DEAD_LETTERED)
        .description(BusMetrics.DEAD_LETTERED_HELP)
        .tag(BusMetrics.TOPIC, topic)
        .register(meters);
  }

  private <T> Mono<T> deadLetter(ReceiverRecord<String, byte[]> record, String reason) {
    return deadLetter(Placed.of(record), record.value(), reason);
  }

  /** Dead-letters with another event as the value; holds only where the record was. */
  private Function<OutrunEvent, Function<String, Mono<Void>>> deadLetterOf(Placed placed) {
    return event -> reason -> deadLetter(placed, codec.encode(event), reason);
  }

  private <T> Mono<T> deadLetter(Placed record, byte[] value, String reason) {
    if (observer) {
      log.debug(
          "Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
      return Mono.fromRunnable(() -> record.receiverOffset().acknowledge());
    }
    log.warn(
        "Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    deadLettered(meters, record.topic()).increment();
    ProducerRecord<String, byte[]> dead =
        new ProducerRecord<>(Topics.deadLetterFor(record.topic()), record.key(), value);
    dead.headers().add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    return deadLetters
        .send(Mono.just(SenderRecord.create(dead, record.offset())))
        // the dead-letter sender's producer is made at its first send, on the subscribing thread,
        // and making it may block (EventBusConfiguration.withProducer): not on a consumer's thread
        .subscribeOn(Schedulers.boundedElastic())
        .then(Mono.fromRunnable(() -> record.receiverOffset().acknowledge()));
  }

  /** Where a record was read, without its value. */
  private record Placed(
      String topic, int partition, long offset, String key, ReceiverOffset receiverOffset) {
    static Placed of(ReceiverRecord<String, byte[]> record) {
      return new Placed(
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          record.receiverOffset());
    }
  }
}
