package io.outrun.service.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * One collection's retention: a document is removed {@code keep} after the date in {@code field}; a
 * document without that field (a run still queued or running) is kept. Pure.
 */
public record RetentionRule(String collection, String field, Duration keep) {

  /** The TTL index's name. */
  public String indexName() {
    return field + "_retention";
  }

  /** Documents whose {@code field} is before this have expired. */
  public Instant expiredBefore(Instant now) {
    return now.minus(keep);
  }
}
