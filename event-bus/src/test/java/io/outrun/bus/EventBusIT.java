package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.EventCodec;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggeredBy;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import io.outrun.testing.TestInfraInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

@SpringBootTest(
    classes = BusTestApp.class,
    properties = "outrun.kafka.client-metrics-refresh=200ms")
@ContextConfiguration(initializers = TestInfraInitializer.class)
class EventBusIT {

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired MeterRegistry meters;
  @Autowired EventCodec codec;

  @Test
  void publishedRequestIsReceivedAndUncommittedOnesComeBack() {
    RunRequested request = request();
    StepVerifier.create(publisher.publish(request)).verifyComplete();
    String group = "bus-test-" + UUID.randomUUID();

    StepVerifier.create(
            consumers
                .create(group, Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(request))
                .next())
        .assertNext(delivery -> assertThat(delivery.event().runId()).isEqualTo(request.runId()))
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    Delivery<RunRequested> again =
        consumers
            .create(group, Topics.RUN_REQUESTS, RunRequested.class)
            .receive()
            .filter(delivery -> delivery.event().equals(request))
            .doOnNext(Delivery::acknowledge)
            .next()
            .block(Duration.ofSeconds(30));
    assertThat(again).as("never acknowledged, so delivered again to the same group").isNotNull();

    TopicPartition partition = new TopicPartition(Topics.RUN_REQUESTS, again.partition());
    await("acknowledged, so committed (at the latest when the consumer closed)")
        .atMost(Duration.ofSeconds(30))
        .until(() -> committed(group, partition), offset -> offset > again.offset());
  }

  @Test
  void headersPublishedWithAnEventAreReadFromItsDelivery() {
    RunRequested request = request();
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    StepVerifier.create(publisher.publish(request, Map.of("traceparent", traceparent)))
        .verifyComplete();

    StepVerifier.create(
            consumers
                .create("bus-test-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(request))
                .next())
        .assertNext(
            delivery -> {
              assertThat(delivery.header("traceparent")).contains(traceparent);
              assertThat(delivery.header("absent")).isEmpty();
            })
        .verifyComplete();
  }

  @Test
  void unreadableRecordGoesToTheDeadLetterTopicWithItsReasonAndDoesNotBlock() throws Exception {
    String key = "wf-" + UUID.randomUUID();
    sendRaw(key, "{definitely not json");
    RunRequested after = request(key);
    StepVerifier.create(publisher.publish(after)).verifyComplete();

    StepVerifier.create(
            consumers
                .create("bus-test-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(after))
                .next())
        .expectNextCount(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    ConsumerRecord<String, byte[]> dead = findDeadLetter(key);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{definitely not json");
    assertThat(
            new String(
                dead.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .isNotBlank();
  }

  @Test
  void anObserverSkipsUnreadableRecordsAndLeavesDeadLetteringToTheTopicsOwner() throws Exception {
    String key = "wf-" + UUID.randomUUID();
    sendRaw(key, "{not json either");
    RunRequested after = request(key);
    StepVerifier.create(publisher.publish(after)).verifyComplete();
    double deadBefore = deadLettered();

    StepVerifier.create(
            consumers
                .createObserver(
                    "bus-test-" + UUID.randomUUID(),
                    Topics.RUN_REQUESTS,
                    RunRequested.class,
                    Duration.ofMillis(200)) // a gathering fetch still hands every record on
                .receive()
                .filter(delivery -> delivery.event().equals(after))
                .next())
        .expectNextCount(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    assertThat(deadLettered())
        .as("the record before it was skipped, not dead-lettered")
        .isEqualTo(deadBefore);
  }

  @Test
  void aConsumersLagPerPartitionIsMeasuredUnderItsGroupAndPublishesAreTimed() {
    RunRequested request = request();
    StepVerifier.create(publisher.publish(request)).verifyComplete();
    String group = "bus-test-" + UUID.randomUUID();
    Disposable consuming =
        consumers.create(group, Topics.RUN_REQUESTS, RunRequested.class).receive().subscribe();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          meters
                              .find("kafka.consumer.fetch.manager.records.lag")
                              .tag(BusMetrics.GROUP, group)
                              .tagKeys("topic", "partition")
                              .gauges())
                      .isNotEmpty());
    } finally {
      consuming.dispose();
    }
    assertThat(
            meters
                .get(BusMetrics.PUBLISH)
                .tag(BusMetrics.TOPIC, Topics.RUN_REQUESTS)
                .timer()
                .count())
        .isPositive();
    assertThat(
            meters
                .get(BusMetrics.DEAD_LETTERED)
                .tag(BusMetrics.TOPIC, Topics.RUN_REQUESTS)
                .counter())
        .as("registered at zero with the consumer")
        .isNotNull();
  }

  private double deadLettered() {
    return meters.find(BusMetrics.DEAD_LETTERED).counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  @Test
  void unorderedCommitsTakeEffectOnlyOnceEveryEarlierRecordOfThePartitionIsCommitted()
      throws Exception {
    String key = "wf-" + UUID.randomUUID();
    List<RunRequested> ours = List.of(request(key), request(key), request(key));
    for (RunRequested request : ours) {
      StepVerifier.create(publisher.publish(request)).verifyComplete();
    }
    String group = "bus-test-" + UUID.randomUUID();
    Sinks.One<Void> firstMayCommit = Sinks.one();
    List<Delivery<RunRequested>> received = new CopyOnWriteArrayList<>();

    Disposable consuming =
        consumers
            .createUnordered(group, Topics.RUN_REQUESTS, RunRequested.class, 100)
            .receive()
            .flatMap(
                delivery -> {
                  received.add(delivery);
                  boolean first = delivery.event().equals(ours.getFirst());
                  return (first ? firstMayCommit.asMono() : Mono.<Void>empty())
                      .then(Mono.fromRunnable(delivery::acknowledge));
                })
            .subscribe();
    try {
      Delivery<RunRequested> first =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> find(received, ours.getFirst()), found -> found != null);
      TopicPartition partition = new TopicPartition(Topics.RUN_REQUESTS, first.partition());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> find(received, ours.getLast()), found -> found != null);
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> committed(group, partition), offset -> offset <= first.offset());

      firstMayCommit.tryEmitEmpty();

      long last = find(received, ours.getLast()).offset();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> committed(group, partition), offset -> offset > last);
    } finally {
      consuming.dispose();
    }
  }

  @Test
  void aReadableEventGivenUpOnGoesToTheDeadLetterTopicWithTheReason() {
    String key = "wf-" + UUID.randomUUID();
    RunRequested request = request(key);
    StepVerifier.create(publisher.publish(request)).verifyComplete();

    StepVerifier.create(
            consumers
                .create("bus-test-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(request))
                .concatMap(
                    delivery -> delivery.deadLetter("gave up after 5 attempts").thenReturn(1))
                .next())
        .expectNext(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    ConsumerRecord<String, byte[]> dead = findDeadLetter(key);
    assertThat(
            new String(
                dead.headers().lastHeader(Topics.DEAD_LETTER_REASON_HEADER).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("gave up after 5 attempts");
  }

  @Test
  void aDeliveryCarryingASmallerEventCommitsTheSameOffsetAndDeadLettersThatEvent() {
    String key = "wf-" + UUID.randomUUID();
    RunRequested request = request(key);
    RunRequested smaller = request.with(request.triggeredBy().withPayload(Map.of()));
    StepVerifier.create(publisher.publish(request)).verifyComplete();

    StepVerifier.create(
            consumers
                .create("bus-test-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(request))
                .map(delivery -> delivery.withEvent(smaller))
                .concatMap(
                    delivery -> {
                      assertThat(delivery.event()).isEqualTo(smaller);
                      return delivery.deadLetter("payload kept in its run").thenReturn(1);
                    })
                .next())
        .expectNext(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    ConsumerRecord<String, byte[]> dead = findDeadLetter(key);
    assertThat(codec.decode(dead.value())).isEqualTo(new EventCodec.Decoded.Readable(smaller));
  }

  @Test
  void anEventOfTheLargestSizeIsAcceptedByTheBrokerAndStillFitsWhenDeadLettered() {
    String key = "wf-" + UUID.randomUUID();
    RunRequested largest = ofJsonSize(request(key), publisher.maxEventBytes());
    RunRequested overLimit = ofJsonSize(request(key), publisher.maxEventBytes() + 1);

    StepVerifier.create(publisher.publishIfFits(overLimit))
        .expectNext(
            new EventPublisher.Publication.TooLarge(
                publisher.maxEventBytes() + 1, publisher.maxEventBytes()))
        .verifyComplete();
    StepVerifier.create(publisher.publishIfFits(largest))
        .expectNext(EventPublisher.Publication.PUBLISHED)
        .verifyComplete();
    String longestReason = "r".repeat(500);
    StepVerifier.create(
            consumers
                .create("bus-test-" + UUID.randomUUID(), Topics.RUN_REQUESTS, RunRequested.class)
                .receive()
                .filter(delivery -> delivery.event().equals(largest))
                .concatMap(delivery -> delivery.deadLetter(longestReason).thenReturn(1))
                .next())
        .expectNext(1)
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    assertThat(findDeadLetter(key).value()).hasSize(publisher.maxEventBytes());
  }

  /** {@code request} padded (in its payload) until its JSON is exactly {@code bytes} long. */
  private RunRequested ofJsonSize(RunRequested request, int bytes) {
    int unpadded = codec.encode(withPadding(request, "")).length;
    RunRequested padded = withPadding(request, "p".repeat(bytes - unpadded));
    assertThat(codec.encode(padded)).hasSize(bytes);
    return padded;
  }

  private static RunRequested withPadding(RunRequested request, String padding) {
    return request.with(request.triggeredBy().withPayload(Map.of("padding", padding)));
  }

  private static Delivery<RunRequested> find(
      List<Delivery<RunRequested>> received, RunRequested request) {
    return received.stream()
        .filter(delivery -> delivery.event().equals(request))
        .findFirst()
        .orElse(null);
  }

  private static long committed(String group, TopicPartition partition) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfra.shared().kafkaBootstrapServers()))) {
      OffsetAndMetadata offset =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get()
              .get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }

  private static RunRequested request() {
    return request("wf-" + UUID.randomUUID());
  }

  /** Same workflow id, same key, same partition: records after a bad one must still arrive. */
  private static RunRequested request(String workflowId) {
    return RunRequested.of(
        Instant.now(),
        "ws-1",
        workflowId,
        1,
        false,
        TriggeredBy.manual("u1", Map.of("n", 1)),
        0,
        UUID.randomUUID().toString());
  }

  private static void sendRaw(String key, String value) throws Exception {
    raw().send(Topics.RUN_REQUESTS, key, value);
  }

  private static ConsumerRecord<String, byte[]> findDeadLetter(String key) {
    return raw().read(Topics.RUN_REQUESTS_DEAD_LETTER, key, 1, Duration.ofSeconds(30)).getFirst();
  }

  private static RawKafka raw() {
    return new RawKafka(TestInfra.shared().kafkaBootstrapServers());
  }
}
