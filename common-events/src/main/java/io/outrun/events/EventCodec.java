package io.outrun.events;

import com.fasterxml.jackson.annotation.JsonInclude;
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
