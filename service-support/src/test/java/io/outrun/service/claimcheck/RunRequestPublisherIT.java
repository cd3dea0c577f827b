package io.outrun.service.claimcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.EventCodec;
import io.outrun.events.PayloadRef;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggeredBy;
import io.outrun.service.trace.RequestTraces;
import io.outrun.service.trace.TraceHeaders;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import io.outrun.testing.TestInfraInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.unit.DataSize;
import org.threeten.extra.MutableClock;
import reactor.test.StepVerifier;

/** The claim check against the real Kafka broker (1 MiB records) and MongoDB. */
@SpringBootTest(
    classes = RunRequestPublisherIT.App.class,
    properties = "outrun.claim-check.max-payload-size=8MB")
@ContextConfiguration(initializers = TestInfraInitializer.class)
class RunRequestPublisherIT {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Autowired RunRequestPublisher publisher;
  @Autowired RunPayloads payloads;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired EventCodec codec;

  @Test
  void aRequestThatFitsTravelsWholeAndStoresNothing() {
    RunRequested request = request(Map.of("name", "Ada"));

    StepVerifier.create(publisher.publish(request))
        .expectNext(new RunRequestOutcome.Published(null))
        .verifyComplete();

    assertThat(onKafka(request)).isEqualTo(request);
    assertThat(mongo.findById(request.eventId(), Document.class, RunPayloads.COLLECTION).block())
        .isNull();
  }

  @Test
  void headersTheCallerAddsTravelWithTheTraceparent() {
    RunRequested request = request(Map.of("name", "Ada"));
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    StepVerifier.create(
            publisher
                .publish(request, Map.of(Topics.RUN_RECORDED_BY_HEADER, "trigger-api"))
                .contextWrite(RequestTraces.continuing(traceparent)))
        .expectNext(new RunRequestOutcome.Published(null))
        .verifyComplete();

    ConsumerRecord<String, byte[]> record = record(request);
    assertThat(RawKafka.header(record, Topics.RUN_RECORDED_BY_HEADER)).isEqualTo("trigger-api");
    assertThat(RawKafka.header(record, TraceHeaders.TRACEPARENT)).isEqualTo(traceparent);
  }

  @Test
  void aPayloadTooLargeForKafkaIsStoredAsideAndTheRecordOnlyNamesIt() {
    Map<String, Object> payload = payloadOf(5 * 1024 * 1024);
    RunRequested request = request(payload);

    RunRequestOutcome outcome = publisher.publish(request).block(Duration.ofSeconds(30));

    PayloadRef ref = new PayloadRef(request.eventId(), codec.encodePayload(payload).length);
    assertThat(outcome).isEqualTo(new RunRequestOutcome.Published(ref));
    ConsumerRecord<String, byte[]> record = record(request);
    assertThat(record.value().length).isLessThan(2048);
    RunRequested sent = decode(record.value());
    assertThat(sent.triggeredBy().payload()).isEmpty();
    assertThat(sent.triggeredBy().payloadRef()).isEqualTo(ref);
    assertThat(sent.with(sent.triggeredBy().withPayload(payload))).isEqualTo(request);
    StepVerifier.create(payloads.find(ref))
        .expectNext(new StoredPayload.Found(payload))
        .verifyComplete();
  }

  @Test
  void publishingTheSameRequestAgainStoresOneDocument() {
    RunRequested request = request(payloadOf(2 * 1024 * 1024));

    publisher.publish(request).block(Duration.ofSeconds(30));
    publisher.publish(request).block(Duration.ofSeconds(30));

    assertThat(
            mongo
                .count(
                    org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("runId")
                            .is(request.runId())),
                    RunPayloads.COLLECTION)
                .block())
        .isEqualTo(1);
  }

  @Test
  void aPayloadOverTheStoredLimitIsNeitherStoredNorPublished() {
    RunRequested request = request(payloadOf(9 * 1024 * 1024));

    StepVerifier.create(publisher.publish(request))
        .assertNext(
            outcome ->
                assertThat(outcome)
                    .isInstanceOfSatisfying(
                        RunRequestOutcome.PayloadTooLarge.class,
                        tooLarge -> assertThat(tooLarge.limit()).isEqualTo(8 * 1024 * 1024)))
        .verifyComplete();
    assertThat(mongo.findById(request.eventId(), Document.class, RunPayloads.COLLECTION).block())
        .isNull();
  }

  @Test
  void aDeletedPayloadIsMissingWithAReasonNamingIt() {
    RunRequested request = request(payloadOf(2 * 1024 * 1024));
    RunRequestOutcome.Published published =
        (RunRequestOutcome.Published) publisher.publish(request).block(Duration.ofSeconds(30));

    payloads.delete(published.storedAside()).block();

    StepVerifier.create(payloads.find(published.storedAside()))
        .assertNext(
            found ->
                assertThat(found)
                    .isInstanceOfSatisfying(
                        StoredPayload.Missing.class,
                        missing ->
                            assertThat(missing.reason())
                                .contains("no longer in run_payloads")
                                .contains("expired after")))
        .verifyComplete();
  }

  /**
   * Payloads nobody took expire; a store deletes them (the in-process MongoDB has no TTL monitor),
   * but only the first store of each minute looks for them.
   */
  @Test
  void aStoreDeletesThePayloadsThatExpiredAtMostOnceAMinute() {
    MutableClock clock = MutableClock.of(Instant.parse("2030-01-01T10:00:00Z"), ZoneOffset.UTC);
    RunPayloads stored =
        new RunPayloads(
            mongo,
            codec,
            clock,
            new ClaimCheckProperties(Duration.ofDays(7), DataSize.ofMegabytes(15)));
    byte[] json = "{\"k\":1}".getBytes(StandardCharsets.UTF_8);
    RunRequested first = request(Map.of("k", 1));
    stored.store(first, json).block();

    clock.add(Duration.ofDays(8));
    RunRequested second = request(Map.of("k", 2));
    stored.store(second, json).block();
    assertThat(storedIds(first, second)).containsExactly(second.eventId());

    clock.add(Duration.ofSeconds(30));
    mongo
        .insert(
            new Document("_id", "expired-" + UUID.randomUUID())
                .append("expiresAt", java.util.Date.from(clock.instant().minusSeconds(1))),
            RunPayloads.COLLECTION)
        .block();
    stored.store(request(Map.of("k", 3)), json).block();
    assertThat(expiredLeft(clock.instant())).as("within the minute: not looked for").isOne();

    clock.add(Duration.ofSeconds(31));
    stored.store(request(Map.of("k", 4)), json).block();
    assertThat(expiredLeft(clock.instant())).isZero();
    assertThat(storedIds(second)).containsExactly(second.eventId());
  }

  private List<String> storedIds(RunRequested... requests) {
    return mongo
        .find(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                    .in(java.util.Arrays.stream(requests).map(RunRequested::eventId).toList())),
            Document.class,
            RunPayloads.COLLECTION)
        .map(document -> document.getString("_id"))
        .collectList()
        .block();
  }

  private long expiredLeft(Instant now) {
    return mongo
        .count(
            org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("expiresAt")
                    .lt(java.util.Date.from(now))),
            RunPayloads.COLLECTION)
        .block();
  }

  /** A payload whose JSON is about {@code bytes} long, with keys MongoDB could not store. */
  private static Map<String, Object> payloadOf(int bytes) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("\u0000", 1);
    payload.put("$set", Map.of("a.b", List.of(1, 2.5, "three")));
    payload.put("", "empty key");
    payload.put("text", "x".repeat(bytes));
    return payload;
  }

  private static RunRequested request(Map<String, Object> payload) {
    return RunRequested.of(
        Instant.now(),
        "ws-1",
        "wf-" + UUID.randomUUID(),
        1,
        false,
        TriggeredBy.manual("u1", payload),
        0,
        UUID.randomUUID().toString());
  }

  private RunRequested onKafka(RunRequested request) {
    return decode(record(request).value());
  }

  private static ConsumerRecord<String, byte[]> record(RunRequested request) {
    return new RawKafka(TestInfra.shared().kafkaBootstrapServers())
        .read(Topics.RUN_REQUESTS, request.workflowId(), 1, Duration.ofSeconds(30))
        .getFirst();
  }

  private RunRequested decode(byte[] json) {
    return (RunRequested) ((EventCodec.Decoded.Readable) codec.decode(json)).event();
  }
}
