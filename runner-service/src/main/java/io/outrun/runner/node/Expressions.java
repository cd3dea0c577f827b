package io.outrun.runner.node;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates JSONata expressions (the com.dashjoin implementation) with the run's bindings. Each
 * evaluation is bounded in time and recursion depth, so a pathological expression fails its step
 * instead of hanging a runner. Results come back as plain JSON values (maps, lists, strings,
 * numbers, booleans, null) ready to be stored.
 */
final class Expressions {

  private final long timeoutMs;
  private final int maxDepth;

  Expressions(Duration timeout, int maxDepth) {
    this.timeoutMs = timeout.toMillis();
    this.maxDepth = maxDepth;
  }

  /** The expression's value, null when it is undefined; throws {@link ExpressionException}. */
  Object evaluate(String expression, ExpressionContext context) {
    try {
      Jsonata compiled = Jsonata.jsonata(expression);
      Jsonata.Frame frame = compiled.createFrame();
      frame.bind("trigger", context.trigger());
      frame.bind("steps", context.steps());
      frame.bind("run", context.run());
      frame.setRuntimeBounds(timeoutMs, maxDepth);
      return plain(compiled.evaluate(context.trigger(), frame));
    } catch (RuntimeException | StackOverflowError e) {
      throw new ExpressionException(expression, reason(e));
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "too deeply nested";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case Object v when v == Jsonata.NULL_VALUE -> null;
      case String s -> s;
      case Boolean b -> b;
      case BigDecimal d -> d.doubleValue();
      case BigInteger i -> i.longValue();
      case Number n -> n;
      case Map<?, ?> map -> plainMap(map);
      case Collection<?> items -> plainList(items);
      default -> String.valueOf(value);
    };
  }

  private static Map<String, Object> plainMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
    return copy;
  }

  private static List<Object> plainList(Collection<?> items) {
    List<Object> copy = new ArrayList<>(items.size());
    items.forEach(item -> copy.add(plain(item)));
    return copy;
  }
}
