package io.outrun.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden files under src/test/resources/events/ are messages as they were once written. They must
 * keep reading as the same events, and writing those events must give the same JSON: a change that
 * breaks either is a breaking change and needs a new type name. A file named {@code
 * <type>.<variant>.json} is the same type with an optional field added later (e.g. {@code
 * run-requested.v1.payload-ref.json}, {@code run-requested.v1.retry-of.json}); the file without it
 * still reads as before.
 */
class GoldenEventsTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");
  private static final String RUN = "3b0c1f52-7d1e-3a4f-8e2a-0c6d5b4a3f21";

  private final EventCodec codec = new EventCodec();
  private final JsonMapper plain = JsonMapper.builder().build();

  static Stream<Arguments> goldenEvents() {
    return Stream.of(
        Arguments.of(
            RunRequested.TYPE,
            new RunRequested(
                "8d1f3a0e-2c5b-3c5e-9a61-3f0b8f1d2e77",
                T0,
                "ws-1",
                "wf-1",
                3,
                RUN,
                false,
                new TriggeredBy(
                    TriggerType.WEBHOOK,
                    "tr-1",
                    "POST /api/webhooks/tr-1",
                    Map.of(
                        "method", "POST", "body", Map.of("lead", "ada@example.org", "score", 42))),
                0)),
        Arguments.of(
            RunRequested.TYPE + ".payload-ref",
            new RunRequested(
                "8d1f3a0e-2c5b-3c5e-9a61-3f0b8f1d2e77",
                T0,
                "ws-1",
                "wf-1",
                3,
                RUN,
                false,
                new TriggeredBy(
                    TriggerType.WEBHOOK,
                    "tr-1",
                    "POST /api/webhooks/tr-1",
                    Map.of(),
                    new PayloadRef("8d1f3a0e-2c5b-3c5e-9a61-3f0b8f1d2e77", 5242987)),
                0)),
        Arguments.of(
            RunRequested.TYPE + ".retry-of",
            new RunRequested(
                "8d1f3a0e-2c5b-3c5e-9a61-3f0b8f1d2e77",
                T0,
                "ws-1",
                "wf-1",
                3,
                RUN,
                false,
                new TriggeredBy(TriggerType.MANUAL, null, "user:u1", Map.of("lead", "ada")),
                0,
                "7f3e2d1c-0b9a-3876-a543-210fedcba987")),
        Arguments.of(
            RunStarted.TYPE,
            new RunStarted(
                "0b5d8f8e-6a57-3c1e-b2b3-0f5a2b9c7d11", T0.plusSeconds(1), "ws-1", "wf-1", 3, RUN)),
        Arguments.of(
            StepFinished.TYPE,
            new StepFinished(
                "5e2f0c1a-9b8d-3e7f-a6c5-d4b3a2918070",
                T0.plusSeconds(2),
                "ws-1",
                "wf-1",
                RUN,
                "n2",
                "transform",
                StepStatus.FAILED,
                2,
                12,
                "node n2: expression 'a +' does not parse")),
        Arguments.of(RunCompleted.TYPE, completion().build()),
        Arguments.of(
            RunCompleted.TYPE + ".trigger",
            completion()
                .status(RunOutcome.FAILED)
                .triggerType(TriggerType.SCHEDULE)
                .error("node n2 failed")
                .chainDepth(0)
                .outputs(Map.of())
                .triggerId("tr-1")
                .build()),
        Arguments.of(
            RunCompleted.TYPE + ".response",
            completion()
                .response(
                    new RunResponse("reply", 201, Map.of("Location", "/leads/7"), Map.of("id", 7)))
                .build()),
        Arguments.of(
            RunCompleted.TYPE + ".outputs-omitted", completion().build().withoutOutputs()));
  }

  /** The completion the golden run-completed files were written from, before their variants. */
  private static RunCompleted.Builder completion() {
    return RunCompleted.builder()
        .eventId("c7a9e5d3-1b2f-3a4c-8d6e-f0a1b2c3d4e5")
        .occurredAt(T0.plusSeconds(3))
        .workflow("ws-1", "wf-1", 3)
        .runId(RUN)
        .status(RunOutcome.COMPLETED)
        .triggerType(TriggerType.WEBHOOK)
        .startedAt(T0.plusSeconds(1))
        .finishedAt(T0.plusSeconds(3))
        .durationMs(2000)
        .chainDepth(1)
        .outputs(Map.of("n2", Map.of("total", 42)));
  }

  @ParameterizedTest(name = "{0} reads as the event it was written from")
  @MethodSource("goldenEvents")
  void goldenFileReadsAsTheEvent(String file, OutrunEvent expected) throws IOException {
    EventCodec.Decoded decoded = codec.decode(golden(file));

    assertThat(decoded).isEqualTo(new EventCodec.Decoded.Readable(expected));
  }

  @ParameterizedTest(name = "{0} writes the golden JSON")
  @MethodSource("goldenEvents")
  void eventWritesTheGoldenJson(String file, OutrunEvent event) throws IOException {
    JsonNode written = plain.readTree(codec.encode(event));

    assertThat(written).isEqualTo(plain.readTree(golden(file)));
  }

  @ParameterizedTest(name = "{0} survives a round trip")
  @MethodSource("goldenEvents")
  void roundTripKeepsTheEvent(String type, OutrunEvent event) {
    assertThat(codec.decode(codec.encode(event))).isEqualTo(new EventCodec.Decoded.Readable(event));
  }

  @org.junit.jupiter.api.Test
  void everyPermittedEventTypeHasAGoldenFile() {
    List<String> tested =
        goldenEvents()
            .map(args -> ((String) args.get()[0]).replaceFirst("(\\.v\\d+)\\..*", "$1"))
            .distinct()
            .toList();
    List<String> permitted =
        Arrays.stream(OutrunEvent.class.getPermittedSubclasses())
            .map(GoldenEventsTest::typeName)
            .toList();

    assertThat(tested).containsExactlyInAnyOrderElementsOf(permitted);
  }

  private static String typeName(Class<?> eventClass) {
    try {
      return (String) eventClass.getField("TYPE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(eventClass + " has no public TYPE constant", e);
    }
  }

  private static byte[] golden(String file) throws IOException {
    try (InputStream in = GoldenEventsTest.class.getResourceAsStream("/events/" + file + ".json")) {
      assertThat(in).as("golden file " + file).isNotNull();
      return in.readAllBytes();
    }
  }
}
