package io.outrun.runner.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSONata's {@code $string} of a value, written with its length checked as it grows: a value within
 * the item limit can still repeat a long string a million times. Numbers as JSONata writes them (15
 * significant digits, {@code 1e+300}); functions as {@code ""}.
 */
final class JsonText {

  private final EvaluationBudget budget;
  private final boolean pretty;
  private final StringBuilder out = new StringBuilder();

  private JsonText(EvaluationBudget budget, boolean pretty) {
    this.budget = budget;
    this.pretty = pretty;
  }

  /**
   * {@code $string(value, pretty)}: a string as it is, undefined as null, anything else as JSON.
   */
  static String of(Object value, boolean pretty, EvaluationBudget budget) {
    if (value instanceof Utils.JList<?> list && list.outerWrapper) {
      value = list.getFirst();
    }
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Jsonata.JFunction || Functions.isLambda(value)) {
      return "";
    }
    JsonText text = new JsonText(budget, pretty);
    text.write(value, "");
    return text.out.toString();
  }

  private void write(Object value, String indent) {
    switch (value) {
      case null -> out.append("null");
      case Object v when v == Jsonata.NULL_VALUE -> out.append("null");
      case String text -> quoted(text);
      case Double number -> out.append(number(number));
      case Number number -> out.append(number);
      case Boolean flag -> out.append(flag);
      case Map<?, ?> map -> container('{', '}', map.entrySet().iterator(), indent);
      case Collection<?> items -> container('[', ']', items.iterator(), indent);
      default -> out.append("\"\""); // a function
    }
    budget.checkString(out.length());
  }

  private void container(char open, char close, Iterator<?> items, String indent) {
    out.append(open);
    String inner = indent + "  ";
    boolean first = true;
    while (items.hasNext()) {
      out.append(first ? "" : ",").append(pretty ? "\n" + inner : "");
      first = false;
      Object item = items.next();
      if (item instanceof Map.Entry<?, ?> entry) {
        quoted(String.valueOf(entry.getKey()));
        out.append(pretty ? ": " : ":");
        item = entry.getValue();
      }
      write(item, inner);
    }
    out.append(first || !pretty ? "" : "\n" + indent).append(close);
  }

  private void quoted(String text) {
    budget.checkString(out.length() + (long) text.length());
    out.append('"');
    Utils.quote(text, out);
    out.append('"');
  }

  private static String number(double number) {
    if (!Double.isFinite(number)) {
      throw new com.dashjoin.jsonata.JException("D3001", -1);
    }
    String text = new BigDecimal(number, new MathContext(15)).stripTrailingZeros().toString();
    return text.replace("E+", "e+").replace("E-", "e-");
  }
}
