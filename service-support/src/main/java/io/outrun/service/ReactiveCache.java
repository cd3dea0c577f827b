package io.outrun.service;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A Caffeine cache of values read reactively, each read bounded by a timeout. Callers asking for a
 * key while its read is under way share that read. A read that fails, completes empty or takes
 * longer than the timeout is not kept, and the next call reads again: Caffeine never expires a read
 * in progress, so without the bound one read that never answered (a MongoDB connection that went
 * silent) would hold every later caller of its key for good.
 */
public final class ReactiveCache<K, V> {

  private final AsyncCache<K, V> cache;
  private final Duration readTimeout;

  /**
   * @param builder the cache's size and expiry
   * @param readTimeout how long a read may take before it fails with a {@link
   *     java.util.concurrent.TimeoutException}
   */
  public ReactiveCache(Caffeine<Object, Object> builder, Duration readTimeout) {
    this.cache = builder.buildAsync();
    this.readTimeout = readTimeout;
  }

  /** The value of {@code key}: kept, else read by {@code read} (and kept unless empty). */
  public Mono<V> get(K key, Function<K, Mono<V>> read) {
    return Mono.fromFuture(
        () -> cache.get(key, (k, executor) -> read.apply(k).timeout(readTimeout).toFuture()), true);
  }
}
