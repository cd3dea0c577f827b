package io.outrun.api.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a token's role from its roles claim: {@code claim} names it (a claim of that exact name,
 * such as {@code https://example.org/roles}, or else a dotted path into nested objects, such as
 * {@code realm_access.roles}). The claim holds an array of strings or one string of names separated
 * by spaces (the {@code scope} style); names other than {@code viewer}, {@code editor} and {@code
 * admin} are ignored (an identity provider puts other applications' roles there too) and the
 * highest known one counts. Without the claim, or with no known name in it, the token has {@code
 * fallback}. A claim of another type is a token this API does not understand: {@link #of} answers
 * empty and the token is refused (401). Pure.
 */
record TokenRoles(String claim, Role fallback) {

  /** The role the token's claims give, or empty if the roles claim has the wrong type. */
  Optional<Role> of(Map<String, Object> claims) {
    Object value = find(claims);
    return switch (value) {
      case null -> Optional.of(fallback);
      case String names -> Optional.of(highest(List.of(names.trim().split("\\s+"))));
      case List<?> names when names.stream().allMatch(String.class::isInstance) ->
          Optional.of(highest(names));
      default -> Optional.empty();
    };
  }

  private Object find(Map<String, Object> claims) {
    if (claims.containsKey(claim)) {
      return claims.get(claim);
    }
    Object value = claims;
    for (String part : claim.split("\\.")) {
      if (!(value instanceof Map<?, ?> object)) {
        return null;
      }
      value = object.get(part);
    }
    return value;
  }

  private Role highest(List<?> names) {
    return names.stream()
        .map(name -> Role.named((String) name))
        .flatMap(Optional::stream)
        .max(Enum::compareTo)
        .orElse(fallback);
  }
}
