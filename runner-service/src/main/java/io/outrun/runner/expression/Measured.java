package io.outrun.runner.expression;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A value whose size in items is known without walking it: the bindings every expression of a run
 * sees ({@code $trigger}, {@code $steps}), measured once per run or per step instead of once per
 * evaluation. An expression's budget counts their items in what it builds from them, but does not
 * hold them to {@code max-items}: they are the input, not something an expression produced.
 */
public interface Measured {

  /** The values it holds, counted through every level of nesting, itself included. */
  long items();

  /**
   * The items of a tree of plain JSON values (maps, collections, scalars), itself included; a value
   * that shares a subtree counts it each time, as serializing it would.
   */
  static long itemsOf(Object value) {
    return switch (value) {
      case Measured measured -> measured.items();
      case Map<?, ?> map -> 1 + map.values().stream().mapToLong(Measured::itemsOf).sum();
      case Collection<?> items -> 1 + items.stream().mapToLong(Measured::itemsOf).sum();
      case null, default -> 1;
    };
  }

  /** An unmodifiable view of {@code map} that knows its items, counted now. */
  static Map<String, Object> map(Map<String, Object> map) {
    return map instanceof Measured ? map : new MeasuredMap(map, itemsOf(map));
  }

  /** A map measured once; reads go to the map itself. */
  final class MeasuredMap extends AbstractMap<String, Object> implements Measured {

    private final Map<String, Object> map;
    private final long items;

    private MeasuredMap(Map<String, Object> map, long items) {
      this.map = map;
      this.items = items;
    }

    @Override
    public long items() {
      return items;
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return java.util.Collections.unmodifiableMap(map).entrySet();
    }
  }
}
