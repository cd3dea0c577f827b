package io.outrun.triggers;

import io.outrun.events.TriggerType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A stored trigger's config as read ({@link TriggerConfigs#fromStored}): usable, or why not. A
 * document trigger-api wrote is always readable; one that is not (written by hand, or by something
 * else) is kept as it is, so each reader can say why it will not act on it.
 */
public sealed interface StoredConfig {

  TriggerType type();

  /** The config if it is readable and of {@code kind}. */
  default <C extends TriggerConfig> Optional<C> as(Class<C> kind) {
    return this instanceof Readable(TriggerConfig config) && kind.isInstance(config)
        ? Optional.of(kind.cast(config))
        : Optional.empty();
  }

  record Readable(TriggerConfig config) implements StoredConfig {
    @Override
    public TriggerType type() {
      return config.type();
    }
  }

  /**
   * @param stored the config as it is stored, unchanged
   * @param reason every problem found, for a log line or a history entry (never secret)
   */
  record Unreadable(TriggerType type, Map<String, Object> stored, String reason)
      implements StoredConfig {
    public Unreadable {
      stored = Collections.unmodifiableMap(new LinkedHashMap<>(stored));
    }
  }
}
