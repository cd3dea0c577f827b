package io.outrun.runner.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates JSONata expressions (the com.dashjoin implementation) with the run's bindings, under an
 * {@link EvaluationBudget}: the evaluation checks its own time, memory, nesting and sizes at every
 * step, and the built-ins JSONata does not bound are replaced by bounded ones ({@link BoundedText},
 * {@link BoundedRegex}). Results come back as plain JSON values (maps, lists, strings, numbers,
 * booleans, null) ready to be stored. Evaluation is CPU work: callers run it on the {@link
 * EvaluationExecutor}, never on a Reactor or Netty thread. Each thread parses an expression once
 * ({@link ParsedExpressions}); every evaluation binds its names into a frame of its own.
 */
public final class Expressions {

  /** Deepest result stored: MongoDB refuses documents nested past 100 levels, and a step is 3. */
  static final int MAX_RESULT_NESTING = 64;

  private final ExpressionProperties limits;

  Expressions(ExpressionProperties limits) {
    this.limits = limits;
  }

  /** A budget for the expressions of one node attempt; make it on the evaluating thread. */
  EvaluationBudget budget() {
    return new EvaluationBudget(limits);
  }

  /** The expression's value, null when undefined, with a budget of its own. */
  public Object evaluate(String expression, ExpressionContext context) {
    return evaluate(expression, context, budget());
  }

  /** The expression's value, null when undefined; throws {@link ExpressionException}. */
  Object evaluate(String expression, ExpressionContext context, EvaluationBudget budget) {
    return evaluate(expression, context, budget, false);
  }

  /** The expression's value as a template renders it: its {@code $string}, undefined as "". */
  String render(String expression, ExpressionContext context, EvaluationBudget budget) {
    return (String) evaluate(expression, context, budget, true);
  }

  private Object evaluate(
      String expression, ExpressionContext context, EvaluationBudget budget, boolean asText) {
    try {
      if (expression.contains("__evaluate")) {
        // binding $__evaluate_entry or $__evaluate_exit would switch the budget's checks off
        throw LimitExceeded.refused("names starting with __evaluate are reserved");
      }
      Jsonata compiled = ParsedExpressions.of(expression);
      Jsonata.Frame frame = compiled.createFrame();
      frame.bind("trigger", context.trigger());
      frame.bind("steps", context.steps());
      frame.bind("run", context.run());
      frame.bind("args", context.args());
      BoundedText.bindInto(frame);
      BoundedRegex.bindInto(frame);
      BudgetCallbacks.bindInto(frame);
      return budget.evaluate(
          () -> {
            Object value = compiled.evaluate(context.trigger(), frame);
            return asText ? text(value, budget) : plain(value, 0);
          });
    } catch (RuntimeException | StackOverflowError e) {
      throw new ExpressionException(expression, reason(sliceUsed(e)));
    }
  }

  private static String text(Object value, EvaluationBudget budget) {
    return value == null ? "" : JsonText.of(value, false, budget);
  }

  /** Rethrows the signal to start over on the long-running threads; else the error itself. */
  private static Throwable sliceUsed(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SliceUsed used) {
        throw used;
      }
    }
    return error;
  }

  /** The budget's verdict if it stopped the evaluation, else JSONata's error, else the cause. */
  private static String reason(Throwable error) {
    if (error instanceof StackOverflowError) {
      return "too deeply nested";
    }
    Throwable jsonata = null;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof LimitExceeded || cause instanceof StackOverflowError) {
        return cause instanceof LimitExceeded ? cause.getMessage() : "too deeply nested";
      }
      if (jsonata == null && cause instanceof JException) {
        jsonata = cause;
      }
    }
    Throwable shown = jsonata == null ? error : jsonata;
    String message = shown.getMessage();
    return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message;
  }

  static Object plain(Object value) {
    return plain(value, 0);
  }

  private static Object plain(Object value, int nesting) {
    if (nesting > MAX_RESULT_NESTING) {
      throw LimitExceeded.refused(
          "its value is nested deeper than " + MAX_RESULT_NESTING + " levels");
    }
    return switch (value) {
      case null -> null;
      case Object v when v == Jsonata.NULL_VALUE -> null;
      case String s -> s;
      case Boolean b -> b;
      case BigDecimal d -> d.doubleValue();
      case BigInteger i -> i.longValue();
      case Number n -> n;
      case Map<?, ?> map -> plainMap(map, nesting + 1);
      case Collection<?> items -> plainList(items, nesting + 1);
      default -> String.valueOf(value);
    };
  }

  private static Map<String, Object> plainMap(Map<?, ?> map, int nesting) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item, nesting)));
    return copy;
  }

  private static List<Object> plainList(Collection<?> items, int nesting) {
    List<Object> copy = new ArrayList<>(items.size());
    items.forEach(item -> copy.add(plain(item, nesting)));
    return copy;
  }
}
