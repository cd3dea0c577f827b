package io.outrun.service.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * Workspaces' retention overrides, as trigger-api stores them in {@code workspaces}: {@code
 * retention: {runsDays, webhookLogsDays, triggerEventsDays}} (1 to {@value
 * RetentionRule#MAX_OVERRIDE_DAYS} days each) and {@code retention.runsExpiredBefore}, the latest
 * instant before which a run may have expired under an earlier, shorter setting. Read fresh on
 * every call: the sweep and the runner's age check see the same values.
 */
public final class WorkspaceRetentions {

  public static final String COLLECTION = "workspaces";

  /** The runs override's key, which the runner's age check reads too. */
  public static final String RUNS = "runsDays";

  public static final String WEBHOOK_LOGS = "webhookLogsDays";
  public static final String TRIGGER_EVENTS = "triggerEventsDays";

  /** Where trigger-api marks the end of a shorter runs retention that was replaced. */
  public static final String RUNS_EXPIRED_BEFORE = "runsExpiredBefore";

  private final ReactiveMongoTemplate mongo;

  public WorkspaceRetentions(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Every workspace that overrides {@code key}, with its retention. */
  public Mono<Map<String, Duration>> overrides(String key) {
    String path = "retention." + key;
    Query overriding = Query.query(where(path).exists(true));
    overriding.fields().include(path);
    return mongo
        .find(overriding, Document.class, COLLECTION)
        .filter(workspace -> days(workspace, key) != null)
        .collectMap(workspace -> String.valueOf(workspace.get("_id")), w -> days(w, key));
  }

  /**
   * The instant before which a run of the workspace may have expired: now minus its runs retention
   * (its override, else {@code keep}), or later if an earlier, shorter setting removed runs up to
   * then.
   */
  public Mono<Instant> runsExpiredBefore(String workspaceId, Duration keep, Instant now) {
    return mongo
        .findById(workspaceId, Document.class, COLLECTION)
        .map(workspace -> expiredBefore(workspace, keep, now))
        .defaultIfEmpty(now.minus(keep));
  }

  private static Instant expiredBefore(Document workspace, Duration keep, Instant now) {
    Duration days = days(workspace, RUNS);
    Instant cutoff = now.minus(days == null ? keep : days);
    Document retention = workspace.get("retention", Document.class);
    if (retention != null && retention.get(RUNS_EXPIRED_BEFORE) instanceof Date mark) {
      Instant marked = mark.toInstant();
      return marked.isAfter(cutoff) ? marked : cutoff;
    }
    return cutoff;
  }

  private static Duration days(Document workspace, String key) {
    Document retention = workspace.get("retention", Document.class);
    Object days = retention == null ? null : retention.get(key);
    if (days instanceof Number number
        && number.longValue() >= 1
        && number.longValue() <= RetentionRule.MAX_OVERRIDE_DAYS) {
      return Duration.ofDays(number.longValue());
    }
    return null;
  }
}
