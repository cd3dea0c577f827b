package io.outrun.service.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * One collection's retention: a document is removed {@code keep} after the date in {@code field}; a
 * document without that field (a run still queued or running) is kept. Pure.
 *
 * @param workspaceOverride the key under a workspace's {@code retention} settings that overrides
 *     {@code keep} for that workspace's documents (matched by their {@code workspaceId}), e.g.
 *     {@code runsDays}; null when a workspace cannot override it
 */
public record RetentionRule(
    String collection, String field, Duration keep, String workspaceOverride) {

  /** The longest a workspace may keep anything: {@value #MAX_OVERRIDE_DAYS} days. */
  public static final int MAX_OVERRIDE_DAYS = 3650;

  /** The shortest a workspace may keep anything: one day. */
  public static final Duration MIN_OVERRIDE = Duration.ofDays(1);

  /** A rule no workspace overrides. */
  public RetentionRule(String collection, String field, Duration keep) {
    this(collection, field, keep, null);
  }

  /** The TTL index's name. */
  public String indexName() {
    return field + "_retention";
  }

  /**
   * The TTL index's expiry: {@code keep}, or, where workspaces may keep their documents longer, the
   * longest they may ({@value #MAX_OVERRIDE_DAYS} days), a backstop only: the sweep applies each
   * workspace's own cutoff, and a shorter TTL would delete what a workspace keeps longer.
   */
  public Duration ttl() {
    Duration longest = Duration.ofDays(MAX_OVERRIDE_DAYS);
    return workspaceOverride == null || keep.compareTo(longest) > 0 ? keep : longest;
  }

  /** Documents whose {@code field} is before this have expired. */
  public Instant expiredBefore(Instant now) {
    return now.minus(keep);
  }
}
