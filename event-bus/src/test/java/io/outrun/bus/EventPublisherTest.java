package io.outrun.bus;

import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.infra.FreePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import reactor.kafka.sender.KafkaSender;
import reactor.test.StepVerifier;

class EventPublisherTest {

  @Test
  void publishFailsWithinItsTimeoutWhenKafkaIsUnreachable() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.setBootstrapServers(java.util.List.of("localhost:" + FreePorts.next()));
    EventBusProperties bus = new EventBusProperties(Duration.ofMillis(500), 1, (short) 1, false);
    RunRequested request =
        RunRequested.of(
            Instant.EPOCH, "ws", "wf", 1, false, TriggeredBy.manual("u", Map.of()), 0, "x");

    try (EventPublisher publisher =
        new EventPublisher(
            KafkaSender.create(EventBusConfiguration.senderOptions(kafka, bus)),
            new EventCodec(),
            bus.publishTimeout())) {
      StepVerifier.create(publisher.publish(request))
          .expectError(PublishFailedException.class)
          .verify(Duration.ofSeconds(10));
    }
  }
}
