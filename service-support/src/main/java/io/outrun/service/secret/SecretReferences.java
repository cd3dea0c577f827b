package io.outrun.service.secret;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How node configuration names a workspace secret: a template whose whole expression is {@code
 * $secrets.NAME}, as in {@code "Bearer {{ $secrets.API_TOKEN }}"}. trigger-api reads the names to
 * refuse a deploy that names a missing secret; the runner resolves them at the moment of a call.
 * Any other use of {@code $secrets} inside a template (an expression over it, a computed name) is
 * not a reference and is refused, so a secret can only be placed, never computed on. Pure.
 */
public final class SecretReferences {

  /** A secret's name: a letter or underscore, then letters, digits and underscores; 1 to 128. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** The whole expression of a template that names a secret. */
  private static final Pattern REFERENCE = Pattern.compile("\\$secrets\\.(" + NAME.pattern() + ")");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.+?)}}", Pattern.DOTALL);

  private SecretReferences() {}

  /** Whether {@code name} is a valid secret name. */
  public static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * The secret {@code expression} (a template's text between the braces) names, if it is exactly
   * {@code $secrets.NAME}.
   */
  public static Optional<String> named(String expression) {
    Matcher matcher = REFERENCE.matcher(expression.trim());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** Whether {@code expression} mentions {@code $secrets} at all. */
  public static boolean mentionsSecrets(String expression) {
    return expression.contains("$secrets");
  }

  /** What the strings inside {@code value} (maps and lists, recursively) reference. */
  public static Found scan(Object value) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> malformed = new LinkedHashSet<>();
    scan(value, names, malformed, 0);
    return new Found(names, malformed);
  }

  /**
   * @param names the secrets referenced, in order of appearance
   * @param malformed template expressions that use {@code $secrets} other than as a reference
   */
  public record Found(Set<String> names, Set<String> malformed) {}

  private static void scan(Object value, Set<String> names, Set<String> malformed, int depth) {
    if (depth > 256) {
      return;
    }
    switch (value) {
      case String text -> scanText(text, names, malformed);
      case Map<?, ?> map -> map.values().forEach(v -> scan(v, names, malformed, depth + 1));
      case List<?> items -> items.forEach(v -> scan(v, names, malformed, depth + 1));
      case null, default -> {}
    }
  }

  private static void scanText(String text, Set<String> names, Set<String> malformed) {
    if (!text.contains("$secrets")) {
      return;
    }
    Matcher templates = TEMPLATE.matcher(text);
    while (templates.find()) {
      String expression = templates.group(1);
      named(expression)
          .ifPresentOrElse(
              names::add,
              () -> {
                if (mentionsSecrets(expression)) {
                  malformed.add(expression.trim());
                }
              });
    }
  }
}
