package io.outrun.service.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.Set;

/**
 * Meters the libraries register, held to the same rules as Outrun's own (every one described; names
 * Prometheus' conventions accept, so {@code promtool check metrics} finds nothing): Spring's
 * observation-based timers get the description they lack, and the three JVM meters whose names
 * carry an abbreviated unit or a {@code _count} suffix are not exported (no dashboard uses them).
 */
public final class LibraryMeters {

  /** Micrometer's meters whose Prometheus names {@code promtool} refuses; not exported. */
  public static final Set<String> REFUSED =
      Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");

  /** Descriptions of the library meters that come without one. */
  public static final List<MeterDoc> DOCS =
      List.of(
          MeterDoc.of("http.server.requests", "seconds", "HTTP requests this service answered"),
          MeterDoc.of("http.server.requests.active", "seconds", "HTTP requests in progress"),
          MeterDoc.of(
              "spring.security.authorizations", "seconds", "Spring Security authorizations"),
          MeterDoc.of(
              "spring.security.authorizations.active",
              "seconds",
              "Spring Security authorizations in progress"),
          MeterDoc.of(
              "spring.security.filterchains", "seconds", "Spring Security filter chains run"),
          MeterDoc.of(
              "spring.security.filterchains.active",
              "seconds",
              "Spring Security filter chains in progress"),
          MeterDoc.of(
              "spring.security.http.secured.requests",
              "seconds",
              "Requests through Spring Security's filter chain"),
          MeterDoc.of(
              "spring.security.http.secured.requests.active",
              "seconds",
              "Requests in Spring Security's filter chain now"));

  private LibraryMeters() {}

  public static MeterCatalog catalog() {
    return new MeterCatalog(DOCS);
  }

  public static MeterFilter refused() {
    return MeterFilter.deny(id -> REFUSED.contains(id.getName()));
  }
}
