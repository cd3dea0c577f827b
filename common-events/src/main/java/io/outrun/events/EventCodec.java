package io.outrun.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes events as JSON. Reading never throws: a record that cannot be read comes back as
 * {@link Decoded.Unreadable} with the reason, so a consumer can dead-letter it and go on.
 */
public final class EventCodec {

  private final JsonMapper mapper;

  public EventCodec() {
    this.mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(
                incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();
  }

  public byte[] encode(OutrunEvent event) {
    return mapper.writeValueAsBytes(event);
  }

  /**
   * A trigger payload as the JSON it has inside an event: how a payload stored aside (a claim
   * check, {@link PayloadRef}) is kept, so the runner reads it back with exactly the types it would
   * have read from the event.
   */
  public byte[] encodePayload(Map<String, Object> payload) {
    return mapper.writeValueAsBytes(payload);
  }

  /**
   * A payload written by {@link #encodePayload}; fails with a JacksonException if it is not one.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> decodePayload(byte[] json) {
    return mapper.readValue(json, Map.class);
  }

  public Decoded decode(byte[] json) {
    if (json == null || json.length == 0) {
      return new Decoded.Unreadable("empty record");
    }
    try {
      return new Decoded.Readable(mapper.readValue(json, OutrunEvent.class));
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      return new Decoded.Unreadable(describe(e));
    }
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** The result of reading a record. */
  public sealed interface Decoded {
    record Readable(OutrunEvent event) implements Decoded {}

    record Unreadable(String reason) implements Decoded {}
  }
}
