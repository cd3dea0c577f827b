package io.outrun.service.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per workspace for runs started per minute: a workspace's bucket holds up to its
 * limit and refills continuously at limit tokens a minute; starting a run takes one token. Pure and
 * in memory: the caller passes the workspace's limit and the {@link Clock} gives the time, so tests
 * move time instead of sleeping.
 *
 * <p>Buckets are kept for at most {@code maxWorkspaces} workspaces, the least recently used one
 * dropped beyond it (a dropped bucket is full again when next used, which errs toward allowing).
 * Each replica holds its own buckets: a caller that runs on N replicas passes {@code limit / N}.
 */
public final class RunStartBuckets {

  private static final double NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

  /** Tokens left at a moment. */
  private record Bucket(double tokens, Instant at) {}

  private final Clock clock;
  private final Map<String, Bucket> buckets;

  public RunStartBuckets(Clock clock, int maxWorkspaces) {
    if (maxWorkspaces < 1) {
      throw new IllegalArgumentException("maxWorkspaces must be at least 1");
    }
    this.clock = clock;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxWorkspaces;
          }
        };
  }

  /**
   * Takes one token from the workspace's bucket if it has one; {@code perMinute <= 0} means no
   * limit.
   */
  public synchronized RunStartQuota take(String workspaceId, int perMinute) {
    if (perMinute <= 0) {
      return new RunStartQuota.Allowed();
    }
    Instant now = clock.instant();
    double tokens = refilled(buckets.get(workspaceId), perMinute, now);
    if (tokens >= 1) {
      buckets.put(workspaceId, new Bucket(tokens - 1, now));
      return new RunStartQuota.Allowed();
    }
    buckets.put(workspaceId, new Bucket(tokens, now));
    double nanosToOne = (1 - tokens) * NANOS_PER_MINUTE / perMinute;
    return new RunStartQuota.Exceeded(perMinute, Duration.ofNanos((long) Math.ceil(nanosToOne)));
  }

  private static double refilled(Bucket bucket, int perMinute, Instant now) {
    if (bucket == null) {
      return perMinute;
    }
    long elapsed = Math.max(0, Duration.between(bucket.at(), now).toNanos());
    return Math.min(perMinute, bucket.tokens() + elapsed * perMinute / NANOS_PER_MINUTE);
  }
}
