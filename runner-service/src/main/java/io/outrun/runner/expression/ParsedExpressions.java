package io.outrun.runner.expression;

import com.dashjoin.jsonata.Jsonata;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expressions parsed once per evaluating thread, not at every evaluation: parsing costs more than
 * evaluating the short expressions steps use (the tokenizer compiles regular expressions as it
 * goes). A parsed expression is evaluated only by the thread that parsed it, since JSONata keeps
 * each evaluation's state on the instance and on the thread (com.dashjoin 0.9.10 puts it back after
 * each evaluation; 0.9.8 left the last evaluation's bindings under the next one's, which is why
 * expressions were parsed every time before); {@link Expressions} binds every evaluation's names
 * into a frame of its own. Each thread keeps its most recently used expressions up to {@value
 * #CHARS_KEPT} characters in all, and does not keep one longer than {@value #LONGEST_KEPT}.
 */
final class ParsedExpressions {

  /** A parsed expression takes about 100 bytes of heap per character when dense with tokens. */
  static final int CHARS_KEPT = 32 * 1024;

  static final int LONGEST_KEPT = 4 * 1024;

  private static final ThreadLocal<ParsedExpressions> PER_THREAD =
      ThreadLocal.withInitial(ParsedExpressions::new);

  private final Map<String, Jsonata> parsed = new LinkedHashMap<>(16, 0.75f, true);
  private int chars;

  private ParsedExpressions() {}

  /** {@code expression} parsed, for this thread only; throws as JSONata's parser does. */
  static Jsonata of(String expression) {
    return expression.length() > LONGEST_KEPT
        ? parse(expression)
        : PER_THREAD.get().get(expression);
  }

  /** How many expressions this thread keeps parsed. */
  static int keptByThisThread() {
    return PER_THREAD.get().parsed.size();
  }

  private Jsonata get(String expression) {
    Jsonata kept = parsed.get(expression);
    if (kept != null) {
      return kept;
    }
    Jsonata fresh = parse(expression);
    parsed.put(expression, fresh);
    chars += expression.length();
    Iterator<String> eldest = parsed.keySet().iterator();
    while (chars > CHARS_KEPT && eldest.hasNext()) {
      chars -= eldest.next().length();
      eldest.remove();
    }
    return fresh;
  }

  private static Jsonata parse(String expression) {
    Jsonata parsed = Jsonata.jsonata(expression);
    parsed.setValidateInput(false); // the bindings are stored JSON; validating walks them all
    return parsed;
  }
}
