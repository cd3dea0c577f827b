package io.outrun.api.trigger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.api.triggers.*}.
 *
 * @param backfillMaxRuns the most runs one {@code POST .../backfill} may start; a range holding
 *     more scheduled instants is refused whole (400)
 * @param backfillConcurrency run requests of one backfill in flight to Kafka at once
 */
@ConfigurationProperties("outrun.api.triggers")
record BackfillProperties(
    @DefaultValue("1000") int backfillMaxRuns, @DefaultValue("16") int backfillConcurrency) {

  BackfillProperties {
    if (backfillMaxRuns < 1) {
      throw new IllegalArgumentException("outrun.api.triggers.backfill-max-runs must be >= 1");
    }
    if (backfillConcurrency < 1) {
      throw new IllegalArgumentException("outrun.api.triggers.backfill-concurrency must be >= 1");
    }
  }
}
