package io.outrun.listener.registry;

import io.outrun.triggers.WebhookPath;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which trigger {@code /api/webhooks/{workspaceSlug}/{path}} names. The slug is the workspace's
 * (its settings in {@code workspaces}), read from MongoDB and remembered, found or not, for {@code
 * lookup.remember}; the path is looked up in the registry ({@link TriggerRegistry#webhookAt}, one
 * map read), and, for a path the registry does not have yet (a trigger created a moment ago), read
 * once from MongoDB, a miss remembered like a slug. What the id then answers is the webhook's own
 * business ({@link TriggerLookup}).
 */
@Component
public class WebhookAddresses {

  private static final int MAX_SLUG_LENGTH = 63;

  private final TriggerRegistry registry;
  private final MongoTriggerReads reads;
  private final Clock clock;
  private final ExpiringEntries<Optional<String>> slugs;
  private final ExpiringEntries<Boolean> missingPaths;

  WebhookAddresses(
      TriggerRegistry registry,
      MongoTriggerReads reads,
      TriggerLookupProperties properties,
      Clock clock) {
    this.registry = registry;
    this.reads = reads;
    this.clock = clock;
    this.slugs = new ExpiringEntries<>(properties.maxEntries(), properties.remember());
    this.missingPaths = new ExpiringEntries<>(properties.maxEntries(), properties.remember());
  }

  /** The id of the webhook trigger at this address, if there is one. */
  public Mono<Optional<String>> triggerId(String slug, String rawPath) {
    String path = WebhookPath.normalized(rawPath);
    if (path == null || slug.isEmpty() || slug.length() > MAX_SLUG_LENGTH) {
      return Mono.just(Optional.empty());
    }
    return workspace(slug)
        .flatMap(
            workspaceId ->
                workspaceId.isEmpty()
                    ? Mono.just(Optional.<String>empty())
                    : triggerAt(workspaceId.get(), path));
  }

  private Mono<Optional<String>> workspace(String slug) {
    Optional<Optional<String>> known = slugs.get(slug, clock.instant());
    if (known.isPresent()) {
      return Mono.just(known.get());
    }
    return reads
        .workspaceWithSlug(slug)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .doOnNext(workspaceId -> slugs.put(slug, workspaceId, clock.instant()));
  }

  private Mono<Optional<String>> triggerAt(String workspaceId, String path) {
    Optional<String> known = registry.webhookAt(workspaceId, path);
    String key = workspaceId + '\0' + path;
    if (known.isPresent() || missingPaths.get(key, clock.instant()).isPresent()) {
      return Mono.just(known);
    }
    return reads
        .webhookAt(workspaceId, path)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .doOnNext(
            id -> {
              if (id.isEmpty()) {
                missingPaths.put(key, true, clock.instant());
              }
            });
  }
}
