package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaTopicBenchmarkTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void aKafkaTopicRunRequestTellsItsRecordsTimestampAfterTheRoundTripThroughJson() {
    Instant written = Instant.parse("2026-12-03T10:00:00.123Z");
    RunRequested request =
        requestWith(Map.of("topic", "orders", "offset", 7, "timestamp", written.toString()));

    RunRequested read = roundTrip(request);

    assertThat(KafkaTopicBenchmark.sourceTimestamp(read)).contains(written.toEpochMilli());
  }

  @Test
  void anotherRequestTellsNone() {
    assertThat(KafkaTopicBenchmark.sourceTimestamp(roundTrip(requestWith(Map.of("n", 1)))))
        .isEmpty();
  }

  private RunRequested roundTrip(RunRequested request) {
    return (RunRequested)
        ((EventCodec.Decoded.Readable) codec.decode(codec.encode(request))).event();
  }

  private static RunRequested requestWith(Map<String, Object> payload) {
    return RunRequested.of(
        Instant.now(),
        "ws-1",
        "wf-1",
        1,
        false,
        new TriggeredBy(TriggerType.KAFKA_TOPIC, "trigger-1", "orders", payload),
        0,
        "kafka_topic",
        "orders-0@7");
  }
}
