package io.outrun.api.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do in its workspace, each role including the ones before it: a {@code viewer}
 * reads, an {@code editor} also changes workflows and triggers and starts runs, an {@code admin}
 * also manages secrets, the workspace's settings and reads the audit log. Which role each route
 * needs is declared in one table ({@code access.RouteRules}).
 */
public enum Role {
  VIEWER,
  EDITOR,
  ADMIN;

  /**
   * The name in tokens, the API and the audit log: {@code viewer}, {@code editor}, {@code admin}.
   */
  public String claimValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role may do what {@code needed} may. */
  public boolean covers(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The role a claim value names, exactly as written ({@code "editor"}), if any. */
  public static Optional<Role> named(String value) {
    for (Role role : values()) {
      if (role.claimValue().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
