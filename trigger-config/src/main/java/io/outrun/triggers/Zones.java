package io.outrun.triggers;

import java.time.ZoneId;
import java.util.Set;

/** IANA time zones by name: region ids such as {@code America/New_York}, and {@code UTC}. */
public final class Zones {

  private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

  private Zones() {}

  /** The zone, or null if {@code name} is not one (offsets such as {@code +02:00} are not). */
  public static ZoneId of(String name) {
    return name != null && KNOWN.contains(name) ? ZoneId.of(name) : null;
  }
}
