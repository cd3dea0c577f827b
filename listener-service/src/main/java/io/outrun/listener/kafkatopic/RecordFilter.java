package io.outrun.listener.kafkatopic;

import com.dashjoin.jsonata.Jsonata;
import java.time.Duration;
import java.util.Map;

/**
 * A kafka_topic trigger's JSONata filter, compiled once per consumer, evaluated on each record's
 * payload (as {@code $trigger} will be: also bound as {@code $trigger}). A record runs when the
 * filter's value is {@code true}; anything else skips it; an evaluation that fails or exceeds the
 * time or depth bound is a value with the reason. Evaluation is CPU work: callers run it off
 * Reactor threads.
 */
final class RecordFilter {

  /** How deep an evaluation may recurse. */
  static final int MAX_DEPTH = 200;

  /** What a record's evaluation decided. */
  sealed interface Verdict {}

  record Runs() implements Verdict {}

  record Skipped() implements Verdict {}

  record Failed(String reason) implements Verdict {}

  static final RecordFilter NONE = new RecordFilter(null, Duration.ZERO);

  private final Jsonata compiled;
  private final Duration timeout;

  private RecordFilter(Jsonata compiled, Duration timeout) {
    this.compiled = compiled;
    this.timeout = timeout;
  }

  /** The filter of {@code expression} (null: every record runs), or why it will not compile. */
  static RecordFilter of(String expression, Duration timeout) {
    if (expression == null) {
      return NONE;
    }
    if (expression.contains("__evaluate")) {
      // binding $__evaluate_entry or $__evaluate_exit would switch JSONata's own bounds off
      throw new IllegalArgumentException("names starting with __evaluate are reserved");
    }
    Jsonata compiled = Jsonata.jsonata(expression);
    compiled.setValidateInput(false);
    return new RecordFilter(compiled, timeout);
  }

  /**
   * The longest wait for an evaluation, beyond the filter's own time bound (which JSONata checks
   * between steps only); past it the record is not run and recorded so.
   */
  Duration patience() {
    return timeout.multipliedBy(5).plusSeconds(1);
  }

  boolean filters() {
    return compiled != null;
  }

  Verdict test(Map<String, Object> payload) {
    if (compiled == null) {
      return new Runs();
    }
    try {
      Jsonata.Frame frame = compiled.createFrame();
      frame.setRuntimeBounds(Math.max(1, timeout.toMillis()), MAX_DEPTH);
      frame.bind("trigger", payload);
      return Boolean.TRUE.equals(compiled.evaluate(payload, frame)) ? new Runs() : new Skipped();
    } catch (RuntimeException e) {
      String message = e.getMessage();
      return new Failed(
          "the filter failed: "
              + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message));
    } catch (StackOverflowError e) {
      return new Failed("the filter failed: too deeply nested");
    }
  }
}
