package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.RecordDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

class TopicConsumerTest {

  private final List<String> started = new CopyOnWriteArrayList<>();
  private final Map<String, Sinks.Empty<Void>> handlings = new ConcurrentHashMap<>();
  private final TopicConsumer consumer = new TopicConsumer(null, null, null);

  @Test
  void partitionsAreHandledConcurrentlyAndEachInOrder() {
    consumer.start(
        () -> Flux.just(record(0, 0), record(0, 1), record(1, 0), record(2, 0)),
        (self, record) -> handling(record),
        Retry.backoff(1, Duration.ofMillis(1)));

    assertThat(started)
        .as("one record of each partition under way, none waiting for another partition's")
        .containsExactlyInAnyOrder("0@0", "1@0", "2@0");

    handlings.get("0@0").tryEmitEmpty();

    assertThat(started).as("the next of partition 0 once its first is done").contains("0@1");
  }

  @Test
  void stoppingWaitsForEveryRecordUnderWayAndHandlesNoMore() {
    Sinks.Many<RecordDelivery> records = Sinks.many().unicast().onBackpressureBuffer();
    consumer.start(
        records::asFlux,
        (self, record) -> handling(record),
        Retry.backoff(1, Duration.ofMillis(1)));
    records.tryEmitNext(record(0, 0));
    records.tryEmitNext(record(1, 0));

    Mono<Void> stopped = consumer.stop(Duration.ofSeconds(30)).cache();
    stopped.subscribe();
    records.tryEmitNext(record(2, 0));
    handlings.get("0@0").tryEmitEmpty();

    assertThat(stopped.toFuture()).as("partition 1's record is still under way").isNotDone();
    handlings.get("1@0").tryEmitEmpty();
    assertThat(stopped.toFuture()).isDone();
    assertThat(started).as("nothing taken after the stop").containsExactly("0@0", "1@0");
  }

  private Mono<Void> handling(RecordDelivery record) {
    String name = record.partition() + "@" + record.offset();
    started.add(name);
    Sinks.Empty<Void> done = Sinks.empty();
    handlings.put(name, done);
    return done.asMono();
  }

  private static RecordDelivery record(int partition, long offset) {
    return new RecordDelivery(
        "orders", partition, offset, Instant.EPOCH, null, List.of(), new byte[0], () -> {});
  }
}
