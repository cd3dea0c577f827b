package io.outrun.infra;

import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

/**
 * An MVStore map that reports every change to {@link StoreWrites}, so that a command is known to
 * have changed stored data or not ({@link ConsistentCommits} answers one that did not without
 * waiting for a commit). Every change of an MVMap goes through {@link #operate} (put, remove,
 * putIfAbsent, replace) or {@link #clear}; a call is reported whether or not it changed the entry,
 * which errs on the safe side.
 */
final class TrackedMap<K, V> extends MVMap<K, V> {

  private TrackedMap(Map<String, Object> config, DataType<K> keyType, DataType<V> valueType) {
    super(config, keyType, valueType);
  }

  private TrackedMap(TrackedMap<K, V> source) {
    super(source);
  }

  /** Opens {@code name} in {@code store} as a tracked map of the given types. */
  static <K, V> MVMap<K, V> open(
      MVStore store, String name, DataType<? super K> keyType, DataType<? super V> valueType) {
    return store.openMap(name, new Builder<>(keyType, valueType));
  }

  @Override
  public V operate(K key, V value, DecisionMaker<? super V> decisionMaker) {
    StoreWrites.changed();
    return super.operate(key, value, decisionMaker);
  }

  @Override
  public void clear() {
    StoreWrites.changed();
    super.clear();
  }

  @Override
  protected MVMap<K, V> cloneIt() {
    return new TrackedMap<>(this);
  }

  private static final class Builder<K, V> extends MVMap.BasicBuilder<MVMap<K, V>, K, V> {
    Builder(DataType<? super K> keyType, DataType<? super V> valueType) {
      setKeyType(keyType);
      setValueType(valueType);
    }

    @Override
    protected MVMap<K, V> create(Map<String, Object> config) {
      return new TrackedMap<>(config, getKeyType(), getValueType());
    }
  }
}
