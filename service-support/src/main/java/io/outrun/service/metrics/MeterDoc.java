package io.outrun.service.metrics;

import java.util.Objects;

/**
 * What a meter measures: its {@code description} (Prometheus' HELP text) and its {@code baseUnit}.
 * The base unit is part of the Prometheus name (Micrometer appends it unless the name ends with
 * it), so a count gets one only when the name already ends with the counted noun; a plain count is
 * {@code _total} and its unit is the name's (see docs/observability.md).
 */
public record MeterDoc(String name, String description, String baseUnit) {

  public MeterDoc {
    Objects.requireNonNull(name, "name");
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(name + " needs a description");
    }
  }

  /** A meter with a base unit (seconds, bytes, tokens, usd, or the noun that ends its name). */
  public static MeterDoc of(String name, String baseUnit, String description) {
    return new MeterDoc(name, description, baseUnit);
  }

  /** A count whose unit is its name's (a Prometheus counter ends in {@code _total}). */
  public static MeterDoc count(String name, String description) {
    return new MeterDoc(name, description, null);
  }
}
