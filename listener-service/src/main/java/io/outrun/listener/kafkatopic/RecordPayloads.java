package io.outrun.listener.kafkatopic;

import io.outrun.bus.RecordDelivery;
import io.outrun.bus.RecordDelivery.RecordHeader;
import io.outrun.listener.webhook.WebhookJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Kafka record as {@code $trigger}: {@code topic}, {@code partition}, {@code offset}, {@code
 * timestamp}, {@code key} (text or null), {@code headers} (name to text; a repeated name keeps its
 * last value), {@code value} (JSON when it is JSON, else text, null for a tombstone) and {@code
 * valueFormat} ({@code json}, {@code text} or {@code null}). A record that cannot be one (over the
 * size limit, not UTF-8, JSON over the webhook JSON limits) is a value saying why, never an
 * exception. Pure: no I/O.
 */
final class RecordPayloads {

  /** What a record became. */
  sealed interface Decoded {}

  record Payload(Map<String, Object> payload) implements Decoded {}

  record Undecodable(String reason) implements Decoded {}

  private final WebhookJson json;
  private final long maxBytes;

  /**
   * @param maxBytes the most key, header values and value may take together (the webhook body
   *     limit: what a run's trigger payload may be)
   */
  RecordPayloads(WebhookJson json, long maxBytes) {
    this.json = json;
    this.maxBytes = maxBytes;
  }

  Decoded decode(RecordDelivery record) {
    long size = length(record.key()) + length(record.value());
    for (RecordHeader header : record.headers()) {
      size += length(header.value()) + header.name().length();
    }
    if (size > maxBytes) {
      return new Undecodable("the record is " + size + " bytes, over the limit of " + maxBytes);
    }
    try {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("topic", record.topic());
      payload.put("partition", record.partition());
      payload.put("offset", record.offset());
      payload.put("timestamp", record.timestamp().toString());
      payload.put("key", record.key() == null ? null : text(record.key(), "key"));
      Map<String, Object> headers = new LinkedHashMap<>();
      for (RecordHeader header : record.headers()) {
        headers.put(header.name(), header.value() == null ? null : text(header.value(), "header"));
      }
      payload.put("headers", headers);
      return value(record.value(), payload);
    } catch (NotText notText) {
      return new Undecodable(notText.getMessage());
    }
  }

  private Decoded value(byte[] value, Map<String, Object> payload) {
    if (value == null) {
      payload.put("value", null);
      payload.put("valueFormat", "null");
      return new Payload(payload);
    }
    String text = text(value, "value");
    switch (json.read(value)) {
      case WebhookJson.Value(Object parsed) -> {
        payload.put("value", parsed);
        payload.put("valueFormat", "json");
      }
      case WebhookJson.NotJson notJson -> {
        payload.put("value", text);
        payload.put("valueFormat", "text");
      }
      case WebhookJson.Refused(String detail) -> {
        return new Undecodable("the value is JSON no run could take: " + detail);
      }
    }
    return new Payload(payload);
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /** Strict UTF-8: a malformed byte is refused, not replaced. */
  private static String text(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new NotText("the " + what + " is not UTF-8 text");
    }
  }

  private static final class NotText extends RuntimeException {
    NotText(String message) {
      super(message, null, false, false);
    }
  }
}
