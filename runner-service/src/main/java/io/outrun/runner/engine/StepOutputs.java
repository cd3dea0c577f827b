package io.outrun.runner.engine;

import io.outrun.runner.expression.Measured;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The outputs of a run's completed steps, in the order they completed, added to and never changed.
 * What a step's expressions see as {@code $steps} is a {@link #snapshot()}: the outputs completed
 * so far, without a copy, so starting each of N steps costs O(1) instead of copying up to N
 * outputs.
 *
 * <p>Only the execution adds (under its lock); a snapshot is read on the evaluating thread, which
 * the execution hands it to through Reactor (a happens-before edge), so it reads only slots written
 * before it was taken. A racy read of a later slot's order sees either "not yet" or a position past
 * the snapshot, and so excludes it either way. Each output is measured once, as it is added, so a
 * snapshot knows its size in items ({@link Measured}) without walking what it holds.
 */
final class StepOutputs {

  private static final int NOT_COMPLETED = Integer.MAX_VALUE;

  private final List<Workflow.Node> nodes;
  private final Map<String, Integer> index = new HashMap<>();
  private final Object[] outputs;
  private final int[] order;
  private final int[] byOrder;
  private int completed;
  private long items;

  StepOutputs(List<Workflow.Node> nodes) {
    this.nodes = nodes;
    this.outputs = new Object[nodes.size()];
    this.order = new int[nodes.size()];
    this.byOrder = new int[nodes.size()];
    Arrays.fill(order, NOT_COMPLETED);
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).id(), i);
    }
  }

  /** Records a completed node's output; a node recorded already keeps its first output. */
  void add(String nodeId, Object output) {
    Integer node = index.get(nodeId);
    if (node == null || order[node] != NOT_COMPLETED) {
      return;
    }
    outputs[node] = output;
    items += Measured.itemsOf(output);
    byOrder[completed] = node;
    order[node] = completed++;
  }

  /** The outputs completed so far, by node id, as an unmodifiable view. */
  Map<String, Object> snapshot() {
    return new Snapshot(completed, items);
  }

  private final class Snapshot extends AbstractMap<String, Object> implements Measured {

    private final int size;
    private final long items;

    private Snapshot(int size, long items) {
      this.size = size;
      this.items = items;
    }

    @Override
    public long items() {
      return 1 + items;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean containsKey(Object key) {
      Integer node = index.get(key);
      return node != null && order[node] < size;
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? outputs[index.get(key)] : null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return size;
        }

        @Override
        public Iterator<Entry<String, Object>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < size;
            }

            @Override
            public Entry<String, Object> next() {
              if (next >= size) {
                throw new NoSuchElementException();
              }
              int node = byOrder[next++];
              return new SimpleImmutableEntry<>(nodes.get(node).id(), outputs[node]);
            }
          };
        }
      };
    }
  }
}
