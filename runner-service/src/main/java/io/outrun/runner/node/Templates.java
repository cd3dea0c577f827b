package io.outrun.runner.node;

import com.dashjoin.jsonata.Functions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code {{ expression }}} templates inside strings. A template renders as JSONata's
 * {@code $string} of the value (an undefined value renders as the empty string), so a templated
 * string stays a string.
 */
final class Templates {

  /** The node {@code data} fields whose strings may hold templates (the contract's list). */
  static final Set<String> TEMPLATED_FIELDS = Set.of("url", "headers", "body", "prompt", "message");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.+?)}}", Pattern.DOTALL);

  private final Expressions expressions;

  Templates(Expressions expressions) {
    this.expressions = expressions;
  }

  /** {@code data} with the templates of its templated fields resolved. */
  Map<String, Object> resolveFields(Map<String, Object> data, ExpressionContext context) {
    Map<String, Object> resolved = new LinkedHashMap<>();
    data.forEach(
        (key, value) ->
            resolved.put(key, TEMPLATED_FIELDS.contains(key) ? resolve(value, context) : value));
    return resolved;
  }

  /** Resolves every string inside {@code value}, recursively through maps and lists. */
  Object resolve(Object value, ExpressionContext context) {
    return switch (value) {
      case String text -> render(text, context);
      case Map<?, ?> map -> resolveMap(map, context);
      case List<?> items -> resolveList(items, context);
      case null, default -> value;
    };
  }

  String render(String text, ExpressionContext context) {
    Matcher matcher = TEMPLATE.matcher(text);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      Object value = expressions.evaluate(matcher.group(1).trim(), context);
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(asText(value)));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  private static String asText(Object value) {
    return value == null ? "" : Functions.string(value, false);
  }

  private Map<String, Object> resolveMap(Map<?, ?> map, ExpressionContext context) {
    Map<String, Object> resolved = new LinkedHashMap<>();
    map.forEach((key, item) -> resolved.put(String.valueOf(key), resolve(item, context)));
    return resolved;
  }

  private List<Object> resolveList(List<?> items, ExpressionContext context) {
    List<Object> resolved = new ArrayList<>(items.size());
    items.forEach(item -> resolved.add(resolve(item, context)));
    return resolved;
  }
}
