package io.outrun.listener.autopause;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.auto-pause.*}.
 *
 * @param enabled whether this replica consumes run completions to count triggers' failures
 * @param rememberedRuns how many of a trigger's latest failed run ids its document keeps, so that a
 *     redelivered completion is not counted twice
 * @param minBackoff first wait before handling a completion again after MongoDB failed
 * @param maxBackoff longest wait between such attempts; a completion is never dropped
 * @param fetchWait how long the broker may hold a fetch of completions to answer several at once: a
 *     trigger is paused up to that much later, and the listener reads completions in batches, a
 *     fetch per this wait instead of one per completion; at 500 ms (Kafka's own wait for an empty
 *     fetch) an idle consumer costs the broker no more than a prompt one
 */
@ConfigurationProperties("outrun.listener.auto-pause")
public record AutoPauseProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("100") int rememberedRuns,
    @DefaultValue("200ms") Duration minBackoff,
    @DefaultValue("10s") Duration maxBackoff,
    @DefaultValue("500ms") Duration fetchWait) {

  public AutoPauseProperties {
    if (rememberedRuns < 1) {
      throw new IllegalArgumentException("remembered-runs must be at least 1");
    }
    if (fetchWait.isNegative()) {
      throw new IllegalArgumentException("fetch-wait must not be negative");
    }
  }
}
