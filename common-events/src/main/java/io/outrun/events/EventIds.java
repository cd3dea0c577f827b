package io.outrun.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids. The same parts always give the same id, so a redelivered webhook, a cron tick
 * fired twice or a replayed change event produce the same event id, and the runner, which creates
 * runs idempotently by event id, starts one run.
 */
public final class EventIds {

  private static final char SEPARATOR = '\u001f';

  private EventIds() {}

  /** A name-based UUID of the parts, which must not be empty. */
  public static String of(String... parts) {
    if (parts.length == 0) {
      throw new IllegalArgumentException("an event id needs at least one part");
    }
    StringBuilder name = new StringBuilder("outrun");
    for (String part : parts) {
      name.append(SEPARATOR).append(requireText(part));
    }
    return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The id of the run a run request asks for. */
  public static String runIdFor(String requestEventId) {
    return of("run", requestEventId);
  }

  private static String requireText(String part) {
    if (part == null || part.isEmpty()) {
      throw new IllegalArgumentException("event id parts must be non-empty");
    }
    return part;
  }
}
