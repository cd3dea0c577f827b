package io.outrun.listener.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.registry.lookup.*}: reading a trigger the registry does not know yet.
 *
 * @param remember how long a read is reused, found or not: long enough to spare MongoDB a burst of
 *     calls to an unknown id, short enough that a trigger created right after a miss is found on
 *     the next call that long later (the change stream usually brings it sooner)
 * @param maxEntries most reads remembered (found and missing each)
 * @param maxConcurrentReads most reads under way at once; a call beyond them is answered as unknown
 *     without a read, so a flood of made-up ids cannot queue work on MongoDB
 * @param maxIdLength ids longer than this are never read (trigger ids are UUIDs)
 */
@ConfigurationProperties("outrun.listener.registry.lookup")
public record TriggerLookupProperties(
    @DefaultValue("2s") Duration remember,
    @DefaultValue("10000") int maxEntries,
    @DefaultValue("64") int maxConcurrentReads,
    @DefaultValue("200") int maxIdLength) {

  public TriggerLookupProperties {
    if (remember.isNegative() || maxEntries < 0 || maxConcurrentReads < 0 || maxIdLength < 1) {
      throw new IllegalArgumentException(
          "remember, max-entries and max-concurrent-reads must not be negative, max-id-length >= 1");
    }
  }
}
