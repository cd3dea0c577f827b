package io.outrun.api.workflow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Workflow headers (status and versions, what starting a run reads) kept in memory for {@code
 * outrun.api.workflows.header-cache-ttl}, off (0) by default. This trigger-api forgets a workflow's
 * header whenever it changes the workflow ({@link WorkflowStore} calls {@link #forget} after every
 * write), and a read that a write overtook is not kept, so with one trigger-api (the local stack,
 * which turns it on) a run request always sees the workflow as last written. With several replicas,
 * a change made through another one is seen here within the TTL at most: a manual run may be
 * accepted that long after another replica paused the workflow, or run the version deployed before.
 * Production keeps it off unless that window is acceptable.
 */
@Component
@EnableConfigurationProperties(WorkflowHeaders.Properties.class)
class WorkflowHeaders {

  private static final int MAX_WORKFLOWS = 10_000;

  /** {@code outrun.api.workflows.*}. */
  @ConfigurationProperties("outrun.api.workflows")
  record Properties(@DefaultValue("0s") Duration headerCacheTtl) {}

  private final Cache<String, Workflow> headers;
  private final AtomicLong changes = new AtomicLong();

  WorkflowHeaders(Properties properties) {
    Duration ttl = properties.headerCacheTtl();
    this.headers =
        ttl.isZero() || ttl.isNegative()
            ? null
            : Caffeine.newBuilder().maximumSize(MAX_WORKFLOWS).expireAfterWrite(ttl).build();
  }

  /** The header of workflow {@code id} of the workspace: from memory, else {@code read} (kept). */
  Mono<Workflow> find(String workspaceId, String id, Supplier<Mono<Workflow>> read) {
    if (headers == null) {
      return read.get();
    }
    Workflow known = headers.getIfPresent(id);
    if (known != null) {
      return workspaceId.equals(known.workspaceId()) ? Mono.just(known) : Mono.empty();
    }
    return Mono.defer(
        () -> {
          long before = changes.get();
          return read.get()
              .doOnNext(
                  header -> {
                    if (changes.get() == before) { // no write finished while this read ran
                      headers.put(id, header);
                    }
                  });
        });
  }

  /** Called after every write of workflow {@code id}, whether it succeeded or not. */
  void forget(String id) {
    if (headers != null) {
      changes.incrementAndGet();
      headers.invalidate(id);
    }
  }
}
