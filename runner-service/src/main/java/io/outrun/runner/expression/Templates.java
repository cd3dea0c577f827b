package io.outrun.runner.expression;

import io.outrun.service.secret.SecretReferences;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code {{ expression }}} templates inside strings. A template renders as JSONata's
 * {@code $string} of the value (an undefined value renders as the empty string), so a templated
 * string stays a string. All the templates of one node's {@code data} share one budget, so a
 * thousand templates get the time of one, and a rendered string is held to the string limit.
 */
public final class Templates {

  /** The node {@code data} fields whose strings may hold templates (the contract's list). */
  static final Set<String> TEMPLATED_FIELDS = Set.of("url", "headers", "body", "prompt", "message");

  private final Expressions expressions;

  Templates(Expressions expressions) {
    this.expressions = expressions;
  }

  /** {@code data} with the templates of its templated fields resolved, under one budget. */
  public Map<String, Object> resolveFields(Map<String, Object> data, ExpressionContext context) {
    EvaluationBudget budget = expressions.budget();
    Map<String, Object> resolved = new LinkedHashMap<>();
    data.forEach(
        (key, value) ->
            resolved.put(
                key, TEMPLATED_FIELDS.contains(key) ? resolve(value, context, budget) : value));
    return resolved;
  }

  /**
   * Resolves every string inside {@code value}, recursively through maps and lists, under one
   * budget (an AI agent's tool: its url, headers and body).
   */
  public Object resolve(Object value, ExpressionContext context) {
    return resolve(value, context, expressions.budget());
  }

  /** {@code text} with its templates resolved (a webhook node's {@code secret}, for instance). */
  public String render(String text, ExpressionContext context) {
    return render(text, context, expressions.budget());
  }

  private Object resolve(Object value, ExpressionContext context, EvaluationBudget budget) {
    return switch (value) {
      case String text -> render(text, context, budget);
      case Map<?, ?> map -> resolveMap(map, context, budget);
      case List<?> items -> resolveList(items, context, budget);
      case null, default -> value;
    };
  }

  /**
   * Replaces each {@code {{ ... }}} (at least one character between the braces; the first
   * {@code }}} after it closes it) with its value. A scan rather than a lazy regex, which on a
   * string of many unclosed {@code {{} takes time quadratic in its length.
   */
  private String render(String text, ExpressionContext context, EvaluationBudget budget) {
    StringBuilder rendered = new StringBuilder();
    int from = 0;
    for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", from)) {
      int close = text.indexOf("}}", open + 3);
      if (close < 0) {
        break;
      }
      String expression = text.substring(open + 2, close).trim();
      rendered.append(text, from, open).append(evaluate(expression, context, budget));
      if (rendered.length() > budget.limits().maxStringLength()) {
        throw new ExpressionException(
            expression, LimitExceeded.string(budget.limits().maxStringLength()).getMessage());
      }
      from = close + 2;
    }
    return rendered.append(text, from, text.length()).toString();
  }

  /**
   * A template's value: the secret it names ({@code $secrets.NAME}), or the JSONata expression's.
   * Any other use of {@code $secrets} is refused, so a secret is placed, never computed on.
   */
  private String evaluate(String expression, ExpressionContext context, EvaluationBudget budget) {
    Optional<String> secret = SecretReferences.named(expression);
    if (secret.isPresent()) {
      String value = context.secrets().get(secret.get());
      if (value == null) {
        throw new ExpressionException(expression, "secret " + secret.get() + " is not set");
      }
      return value;
    }
    if (SecretReferences.mentionsSecrets(expression)) {
      throw new ExpressionException(
          expression, "a secret is referenced only as {{ $secrets.NAME }}");
    }
    return expressions.render(expression, context, budget);
  }

  private Map<String, Object> resolveMap(
      Map<?, ?> map, ExpressionContext context, EvaluationBudget budget) {
    Map<String, Object> resolved = new LinkedHashMap<>();
    map.forEach((key, item) -> resolved.put(String.valueOf(key), resolve(item, context, budget)));
    return resolved;
  }

  private List<Object> resolveList(
      List<?> items, ExpressionContext context, EvaluationBudget budget) {
    List<Object> resolved = new ArrayList<>(items.size());
    items.forEach(item -> resolved.add(resolve(item, context, budget)));
    return resolved;
  }
}
