package io.outrun.runner.expression;

import com.dashjoin.jsonata.Utils;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Counts the items of every array and object an expression produces, through every level of
 * nesting, and refuses one of more than {@code max-items}. Counting through shared references is
 * the point: {@code {"l": $c, "r": $c}} forty levels deep is built in forty steps but holds 2^40
 * items, and comparing, hashing or serializing it (all single calls inside JSONata that no time
 * check reaches) would never end. Counts are kept by identity for the rest of the evaluation, so a
 * value passed from step to step is walked once.
 */
final class ValueSizes {

  private final Map<Object, Long> known = new IdentityHashMap<>();
  private final EvaluationBudget budget;
  private final int maxItems;
  private long walked;

  ValueSizes(EvaluationBudget budget, int maxItems) {
    this.budget = budget;
    this.maxItems = maxItems;
  }

  /** Checks a value an expression step produced; {@link Measured} inputs are exempt. */
  void check(Object value) {
    if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      count(value);
    }
  }

  private long count(Object value) {
    return switch (value) {
      case Measured measured -> measured.items();
      case Utils.RangeList range -> checked(1L + range.size());
      case Map<?, ?> map -> known(map, map.values());
      case Collection<?> items -> known(items, items);
      case null, default -> 1;
    };
  }

  private long known(Object container, Collection<?> children) {
    Long items = known.get(container);
    if (items == null) {
      long sum = 1;
      for (Object child : children) {
        sum = checked(sum + count(child));
        if ((++walked & 0xFFF) == 0) {
          budget.check();
        }
      }
      items = sum;
      known.put(container, items);
    }
    return items;
  }

  private long checked(long items) {
    if (items > maxItems) {
      throw LimitExceeded.items(maxItems);
    }
    return items;
  }
}
