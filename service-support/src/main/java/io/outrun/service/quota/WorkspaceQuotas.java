package io.outrun.service.quota;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.outrun.service.ReactiveCache;
import java.time.Duration;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Workspaces' quota overrides, as trigger-api stores them in {@code workspaces}: {@code quotas:
 * {activeTriggers, runsPerMinute, concurrentRuns}}, each absent where the workspace keeps the
 * service's {@code outrun.quotas.*} default. {@link #cached} answers from memory for up to {@link
 * #TTL} per workspace (the hot paths: a run start, a webhook, a run's admission), so a changed
 * override takes effect within that time; {@link #fresh} reads MongoDB each time. A read that fails
 * is not cached: the caller falls back to its default. So is a cached read that takes longer than
 * {@link #READ_TIMEOUT}: the callers waiting for it fall back, and the next call reads again, so a
 * MongoDB read that never answers holds up a hot path for that long, not for good.
 */
public final class WorkspaceQuotas {

  public static final String COLLECTION = "workspaces";
  public static final String FIELD = "quotas";
  public static final String ACTIVE_TRIGGERS = "activeTriggers";
  public static final String RUNS_PER_MINUTE = "runsPerMinute";
  public static final String CONCURRENT_RUNS = "concurrentRuns";

  /** How long a workspace's overrides are kept in memory before they are read again. */
  public static final Duration TTL = Duration.ofSeconds(30);

  /** How long a hot path waits for a workspace's overrides before it takes the defaults. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  /** One workspace's overrides; a null field keeps the default. */
  public record Overrides(Integer activeTriggers, Integer runsPerMinute, Integer concurrentRuns) {

    public static final Overrides NONE = new Overrides(null, null, null);

    /** The overrides a {@code workspaces} document holds. */
    public static Overrides of(Document workspace) {
      if (!(workspace.get(FIELD) instanceof Document quotas)) {
        return NONE;
      }
      return new Overrides(
          number(quotas.get(ACTIVE_TRIGGERS)),
          number(quotas.get(RUNS_PER_MINUTE)),
          number(quotas.get(CONCURRENT_RUNS)));
    }

    private static Integer number(Object value) {
      return value instanceof Number number ? number.intValue() : null;
    }
  }

  private final Function<String, Mono<Overrides>> reader;
  private final ReactiveCache<String, Overrides> cache;

  public WorkspaceQuotas(ReactiveMongoTemplate mongo, int maxWorkspaces) {
    this(
        workspaceId ->
            mongo
                .findById(workspaceId, Document.class, COLLECTION)
                .map(Overrides::of)
                .defaultIfEmpty(Overrides.NONE),
        maxWorkspaces);
  }

  /**
   * @param reader a workspace's overrides as stored now
   */
  WorkspaceQuotas(Function<String, Mono<Overrides>> reader, int maxWorkspaces) {
    this.reader = reader;
    this.cache =
        new ReactiveCache<>(
            Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(maxWorkspaces), READ_TIMEOUT);
  }

  /**
   * The workspace's overrides, from memory if read within {@link #TTL}; an error if the read fails
   * or takes longer than {@link #READ_TIMEOUT}.
   */
  public Mono<Overrides> cached(String workspaceId) {
    return cache.get(workspaceId, this::fresh);
  }

  /** The workspace's overrides as stored now. */
  public Mono<Overrides> fresh(String workspaceId) {
    return reader.apply(workspaceId);
  }
}
