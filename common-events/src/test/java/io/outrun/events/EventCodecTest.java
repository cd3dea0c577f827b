package io.outrun.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void everyPermittedSubtypeIsRegisteredUnderItsTypeName() {
    JsonSubTypes registered = OutrunEvent.class.getAnnotation(JsonSubTypes.class);

    assertThat(Arrays.stream(registered.value()).map(JsonSubTypes.Type::value).toList())
        .containsExactlyInAnyOrder(OutrunEvent.class.getPermittedSubclasses());
    assertThat(Arrays.stream(registered.value()).map(JsonSubTypes.Type::name))
        .allMatch(name -> name.matches("[a-z-]+\\.v\\d+"));
  }

  @Test
  void malformedJsonIsUnreadableWithAReason() {
    assertThat(codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            EventCodec.Decoded.Unreadable.class, bad -> assertThat(bad.reason()).isNotBlank());
  }

  @Test
  void unknownTypeNameIsUnreadable() {
    byte[] json =
        "{\"type\":\"run-exploded.v9\",\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(json))
        .isInstanceOfSatisfying(
            EventCodec.Decoded.Unreadable.class,
            bad -> assertThat(bad.reason()).contains("run-exploded.v9"));
  }

  @Test
  void missingRequiredFieldIsUnreadable() {
    byte[] json =
        """
        {"type":"run-started.v1","eventId":"e","occurredAt":"2026-03-08T07:00:00Z",
         "workspaceId":"ws","workflowId":"wf","workflowVersion":1}"""
            .getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(json))
        .isInstanceOfSatisfying(
            EventCodec.Decoded.Unreadable.class, bad -> assertThat(bad.reason()).contains("runId"));
  }

  @Test
  void emptyRecordIsUnreadable() {
    assertThat(codec.decode(new byte[0])).isInstanceOf(EventCodec.Decoded.Unreadable.class);
  }

  @Test
  void unknownFieldsAreIgnoredSoNewerWritersCanAddOptionalFields() {
    RunStarted started = RunStarted.of(Instant.EPOCH, "ws", "wf", 1, "run");
    String json = new String(codec.encode(started), StandardCharsets.UTF_8);
    String withExtra = json.replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");

    assertThat(codec.decode(withExtra.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new EventCodec.Decoded.Readable(started));
  }

  @Test
  void theTriggerNodeOfARequestRoundTripsAndIsNotWrittenWithoutOne() {
    TriggeredBy byNode =
        new TriggeredBy(TriggerType.WEBHOOK, "tr-1", "POST", Map.of("a", 1)).fromNode("hook");
    RunRequested request = RunRequested.of(Instant.EPOCH, "ws", "wf", 1, false, byNode, 0, "x");
    RunRequested withoutNode = request.with(byNode.fromNode(null));

    assertThat(codec.decode(codec.encode(request)))
        .isEqualTo(new EventCodec.Decoded.Readable(request));
    assertThat(new String(codec.encode(withoutNode), StandardCharsets.UTF_8))
        .doesNotContain("nodeId");
  }

  @Test
  void unknownTriggerTypeIsUnreadable() {
    RunRequested request =
        RunRequested.of(
            Instant.EPOCH, "ws", "wf", 1, false, TriggeredBy.manual("u", Map.of()), 0, "x");
    String json =
        new String(codec.encode(request), StandardCharsets.UTF_8)
            .replace("\"manual\"", "\"smoke\"");

    assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(EventCodec.Decoded.Unreadable.class);
  }

  @Test
  void eventsAreKeyedAndRoutedByWorkflow() {
    RunRequested request =
        RunRequested.of(
            Instant.EPOCH, "ws", "wf-7", 1, false, TriggeredBy.manual("u", Map.of()), 0, "x");

    assertThat(request.key()).isEqualTo("wf-7");
    assertThat(Topics.topicFor(request)).isEqualTo(Topics.RUN_REQUESTS);
    assertThat(Topics.topicFor(RunStarted.of(Instant.EPOCH, "ws", "wf", 1, "r")))
        .isEqualTo(Topics.RUN_PROGRESS);
  }
}
