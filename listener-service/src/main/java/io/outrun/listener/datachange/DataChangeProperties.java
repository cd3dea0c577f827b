package io.outrun.listener.datachange;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.listener.data-change.*}.
 *
 * @param enabled whether this replica watches data-change triggers at all
 * @param reconcileInterval how often the watchers are compared with the registry's fireable
 *     data-change triggers (a trigger created, changed, disabled or paused is picked up within it)
 * @param leaseDuration how long a replica owns a trigger's stream without renewing; another replica
 *     takes over at most this long (plus a heartbeat) after the owner died
 * @param heartbeat how often an owner renews its leases, and others try to take them
 * @param positionRefresh how often a quiet stream (no change handled since) checks with the server
 *     that nothing is pending and moves its stored position to the present
 * @param clockSkew how far the server's clock may be behind this replica's: a position stored as a
 *     time is this much earlier than the moment it stands for
 * @param stopTimeout how long stopping a stream (trigger gone, lease lost, shutdown) waits for the
 *     change under way to be published and its position written; then the stream is cancelled.
 *     Publishing itself is bounded by the bus ({@code outrun.kafka.publish-timeout}): a change not
 *     acknowledged in time reopens the stream from its stored position, with backoff
 * @param minBackoff first wait before reopening a failed stream
 * @param maxBackoff longest wait between reopening attempts
 */
@ConfigurationProperties("outrun.listener.data-change")
public record DataChangeProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("250ms") Duration reconcileInterval,
    @DefaultValue("15s") Duration leaseDuration,
    @DefaultValue("5s") Duration heartbeat,
    @DefaultValue("60s") Duration positionRefresh,
    @DefaultValue("2s") Duration clockSkew,
    @DefaultValue("10s") Duration stopTimeout,
    @DefaultValue("1s") Duration minBackoff,
    @DefaultValue("60s") Duration maxBackoff) {

  public DataChangeProperties {
    if (heartbeat.multipliedBy(2).compareTo(leaseDuration) > 0) {
      throw new IllegalArgumentException("lease-duration must be at least twice heartbeat");
    }
    if (reconcileInterval.isZero()
        || reconcileInterval.isNegative()
        || positionRefresh.isZero()
        || positionRefresh.isNegative()) {
      throw new IllegalArgumentException("reconcile-interval and position-refresh must be > 0");
    }
    if (minBackoff.isZero() || minBackoff.compareTo(maxBackoff) > 0 || clockSkew.isNegative()) {
      throw new IllegalArgumentException("need 0 < min-backoff <= max-backoff, clock-skew >= 0");
    }
  }
}
