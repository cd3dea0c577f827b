package io.outrun.api.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.api.run-events.*}: the bounds of {@code GET /api/runs/{id}/events}.
 *
 * @param maxStreams streams open at once on this instance; one more is a 429
 * @param maxStreamsPerWorkspace streams one workspace may hold open at once on this instance
 * @param maxDuration how long one stream lasts at most; it then ends with a last snapshot
 * @param heartbeat how often an idle stream sends a {@code :} comment (proxies close silent ones),
 *     and how often a watched run is read even without a change (a change made while the shared
 *     change stream was opening or reconnecting is seen at the latest then)
 * @param linger how long the shared change stream stays open after its last subscriber left
 */
@ConfigurationProperties("outrun.api.run-events")
record RunEventsProperties(
    @DefaultValue("1000") int maxStreams,
    @DefaultValue("100") int maxStreamsPerWorkspace,
    @DefaultValue("30m") Duration maxDuration,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("60s") Duration linger) {

  RunEventsProperties {
    if (maxStreams < 1 || maxStreamsPerWorkspace < 1) {
      throw new IllegalArgumentException(
          "outrun.api.run-events.max-streams and max-streams-per-workspace must be at least 1");
    }
    for (Duration duration : new Duration[] {maxDuration, heartbeat}) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "outrun.api.run-events.max-duration and heartbeat must be positive");
      }
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("outrun.api.run-events.linger must not be negative");
    }
  }
}
