package io.outrun.service.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link MeterFilter} giving every meter it names its description and base unit, so the code that
 * records a meter needs only its name and tags, and each service keeps the documentation of its
 * meters next to their names (its {@code *Metrics} class). A description or unit set where the
 * meter is built wins. Spring Boot applies every {@code MeterFilter} bean to the registries.
 */
public final class MeterCatalog implements MeterFilter {

  private final Map<String, MeterDoc> docs;

  public MeterCatalog(Collection<MeterDoc> docs) {
    this.docs =
        docs.stream().collect(Collectors.toUnmodifiableMap(MeterDoc::name, Function.identity()));
  }

  /** The documented meter names. */
  public Set<String> names() {
    return docs.keySet();
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    MeterDoc doc = docs.get(id.getName());
    if (doc == null) {
      return id;
    }
    return new Meter.Id(
        id.getName(),
        Tags.of(id.getTagsAsIterable()),
        id.getBaseUnit() != null ? id.getBaseUnit() : doc.baseUnit(),
        id.getDescription() != null ? id.getDescription() : doc.description(),
        id.getType());
  }
}
