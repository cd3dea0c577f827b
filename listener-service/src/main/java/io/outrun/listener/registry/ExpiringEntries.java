package io.outrun.listener.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code maxEntries} values, each forgotten {@code ttl} after it was put: a cache that can
 * never grow past its bound. When full, the expired entries are dropped; if none had expired, the
 * new entry is not kept (a cache miss costs one read, an unbounded cache costs the heap). Any
 * thread may call it; time is passed in.
 */
final class ExpiringEntries<V> {

  private record Entry<V>(V value, Instant expiresAt) {}

  private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final java.time.Duration ttl;

  ExpiringEntries(int maxEntries, java.time.Duration ttl) {
    this.maxEntries = maxEntries;
    this.ttl = ttl;
  }

  Optional<V> get(String key, Instant now) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!now.isBefore(entry.expiresAt())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  void put(String key, V value, Instant now) {
    if (maxEntries == 0 || ttl.isZero()) {
      return;
    }
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    entries.put(key, new Entry<>(value, now.plus(ttl)));
  }

  int size() {
    return entries.size();
  }
}
