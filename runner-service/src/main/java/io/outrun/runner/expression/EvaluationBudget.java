package io.outrun.runner.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What one node attempt's expressions may spend: time, memory, nesting, string length and items
 * (see {@link ExpressionProperties}). JSONata calls {@link #enter} and {@link #exit} around every
 * step of an expression, and the bounded built-ins call {@link #check} every thousand or so units
 * of work, so an evaluation stops within milliseconds of its limit: Java cannot stop a thread from
 * outside, so the evaluation has to stop itself, and the thread is free again.
 *
 * <p>JSONata's own bound ({@code Frame.setRuntimeBounds}) checks time only between expression
 * steps, so one built-in call that never returns ({@code $pad} builds its padding by repeated
 * concatenation, quadratic in the width) was never stopped; and it stops checking after an array
 * constructor, or when an expression binds {@code $__evaluate_entry}. This budget replaces it.
 *
 * <p>One evaluating thread uses a budget; it is not shared.
 */
final class EvaluationBudget {

  private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

  private final ExpressionProperties limits;
  private final long startedAtMillis;
  private final long deadline;
  private final long allocatedAtStart;
  private final long sliceEndCpuNanos;
  private int checks;
  private ValueSizes sizes;
  private Object[] callees;
  private int depth;

  EvaluationBudget(ExpressionProperties limits) {
    this.limits = limits;
    this.startedAtMillis = System.currentTimeMillis();
    EvaluationLane lane = EvaluationLane.current();
    this.deadline =
        (lane == null ? System.nanoTime() : lane.startedNanos()) + limits.timeout().toNanos();
    this.allocatedAtStart = ThreadCosts.allocatedBytes();
    this.sliceEndCpuNanos =
        lane != null && lane.sliced()
            ? ThreadCosts.cpuNanos() + limits.slice().toNanos()
            : Long.MAX_VALUE;
  }

  /**
   * The budget of the evaluation running on this thread. JSONata gives a built-in no handle on the
   * evaluation that calls it, so the bounded built-ins find their budget here.
   */
  static EvaluationBudget current() {
    EvaluationBudget budget = CURRENT.get();
    if (budget == null) {
      throw new IllegalStateException("a bounded built-in was called outside an evaluation");
    }
    return budget;
  }

  /** Runs one expression's evaluation under this budget, with fresh nesting and size records. */
  <T> T evaluate(Supplier<T> evaluation) {
    sizes = new ValueSizes(this, limits.maxItems());
    callees = new Object[limits.maxDepth() + 2];
    depth = 0;
    CURRENT.set(this);
    try {
      return evaluation.get();
    } finally {
      CURRENT.remove();
    }
  }

  ExpressionProperties limits() {
    return limits;
  }

  /** When the evaluation started: what {@code $now()} and {@code $millis()} answer. */
  long startedAtMillis() {
    return startedAtMillis;
  }

  /**
   * Throws once the time or memory is spent, or the step was cancelled (its thread interrupted).
   */
  void check() {
    if (System.nanoTime() - deadline > 0) {
      throw LimitExceeded.time(limits.timeout().toMillis());
    }
    if (Thread.currentThread().isInterrupted()) {
      throw LimitExceeded.cancelled();
    }
    if (ThreadCosts.allocatedBytes() - allocatedAtStart > limits.maxMemory().toBytes()) {
      throw LimitExceeded.memory(limits.maxMemory().toBytes());
    }
    if (sliceEndCpuNanos != Long.MAX_VALUE
        && (++checks & 0x3F) == 0
        && ThreadCosts.cpuNanos() > sliceEndCpuNanos) {
      throw new SliceUsed();
    }
  }

  /** Before each step of an expression. */
  void enter() {
    if (++depth > limits.maxDepth()) {
      throw LimitExceeded.depth(limits.maxDepth());
    }
    callees[depth + 1] = null; // this step's operands have not been evaluated yet
    check();
  }

  /**
   * After each step of an expression, with its value. Besides sizes, it keeps the last function
   * each level evaluated, to refuse a regular expression anywhere but as an argument of a bounded
   * regex built-in: JSONata applies a regex used as a function ({@code /re/("text")}) itself, out
   * of reach of any time check.
   */
  void exit(Object value) {
    switch (value) {
      case String text -> checkString(text.length());
      case Pattern pattern -> {
        if (!BoundedRegex.takes(callees[depth])) {
          throw LimitExceeded.refused(
              "a regular expression may only be an argument of $match, $contains, $replace or"
                  + " $split");
        }
      }
      case null -> {}
      default -> {
        if (value instanceof Jsonata.JFunction || Functions.isLambda(value)) {
          callees[depth] = value;
        }
        sizes.check(value);
      }
    }
    depth--;
    check();
  }

  void checkString(long length) {
    if (length > limits.maxStringLength()) {
      throw LimitExceeded.string(limits.maxStringLength());
    }
  }

  void checkItems(long items) {
    if (items > limits.maxItems()) {
      throw LimitExceeded.items(limits.maxItems());
    }
  }

  /** {@code text} as the regex engine should read it: checking this budget as it goes. */
  CharSequence text(String text) {
    return new BudgetedText(text, this);
  }
}
