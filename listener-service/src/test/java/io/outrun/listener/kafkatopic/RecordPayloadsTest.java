package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.RecordDelivery;
import io.outrun.bus.RecordDelivery.RecordHeader;
import io.outrun.listener.webhook.WebhookJson;
import io.outrun.listener.webhook.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kafka record as {@code $trigger}, or why it cannot be one. */
class RecordPayloadsTest {

  private static final int MAX = 1024;
  private final RecordPayloads payloads =
      new RecordPayloads(new WebhookJson(WebhookProperties.JsonLimits.DEFAULTS, MAX), MAX);

  private static RecordDelivery record(String key, byte[] value, List<RecordHeader> headers) {
    return new RecordDelivery(
        "orders",
        2,
        41,
        Instant.parse("2026-12-02T10:00:00Z"),
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        headers,
        value,
        () -> {});
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Object> payload(RecordDelivery record) {
    RecordPayloads.Decoded decoded = payloads.decode(record);
    assertThat(decoded).isInstanceOf(RecordPayloads.Payload.class);
    return ((RecordPayloads.Payload) decoded).payload();
  }

  private String refusal(RecordDelivery record) {
    RecordPayloads.Decoded decoded = payloads.decode(record);
    assertThat(decoded).isInstanceOf(RecordPayloads.Undecodable.class);
    return ((RecordPayloads.Undecodable) decoded).reason();
  }

  @Test
  void aJsonRecordCarriesWhereItCameFromItsKeyHeadersAndParsedValue() {
    Map<String, Object> payload =
        payload(
            record(
                "k1",
                utf8("{\"total\": 5}"),
                List.of(new RecordHeader("a", utf8("1")), new RecordHeader("a", utf8("2")))));

    assertThat(payload)
        .containsEntry("topic", "orders")
        .containsEntry("partition", 2)
        .containsEntry("offset", 41L)
        .containsEntry("timestamp", "2026-12-02T10:00:00Z")
        .containsEntry("key", "k1")
        .containsEntry("headers", Map.of("a", "2"))
        .containsEntry("value", Map.of("total", 5))
        .containsEntry("valueFormat", "json");
  }

  @Test
  void hostileJsonKeysStayDataInTheValue() {
    Map<String, Object> payload =
        payload(record(null, utf8("{\"$set\": 1, \"a\\u0000b\": 2}"), List.of()));

    assertThat(payload.get("value")).isEqualTo(Map.of("$set", 1, "a\0b", 2));
  }

  @Test
  void textThatIsNotJsonIsText() {
    assertThat(payload(record(null, utf8("{not json"), List.of())))
        .containsEntry("value", "{not json")
        .containsEntry("valueFormat", "text");
  }

  @Test
  void aRecordOverTheLimitIsRefusedCountingKeyAndHeaders() {
    byte[] half = new byte[MAX / 2 + 1];
    assertThat(refusal(record("k".repeat(MAX / 2), half, List.of()))).contains("over the limit");
    assertThat(refusal(record(null, half, List.of(new RecordHeader("h", half)))))
        .contains("over the limit");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedNamingThePart() {
    byte[] bad = {(byte) 0xc3, (byte) 0x28};
    assertThat(refusal(record(null, bad, List.of()))).isEqualTo("the value is not UTF-8 text");
    assertThat(refusal(record(null, utf8("x"), List.of(new RecordHeader("h", bad)))))
        .isEqualTo("the header is not UTF-8 text");
  }

  @Test
  void jsonNestedPastTheLimitIsRefusedNotPassedOnAsText() {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThat(refusal(record(null, utf8(deep), List.of()))).contains("JSON no run could take");
  }
}
