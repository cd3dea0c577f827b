package io.outrun.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRolesTest {

  private final TokenRoles roles = new TokenRoles("roles", Role.VIEWER);

  @Test
  void tokenWithoutTheClaimHasTheDefaultRole() {
    assertThat(roles.of(Map.of("sub", "u1"))).contains(Role.VIEWER);
    assertThat(new TokenRoles("roles", Role.ADMIN).of(Map.of())).contains(Role.ADMIN);
  }

  @Test
  void highestKnownRoleCounts() {
    assertThat(roles.of(Map.of("roles", List.of("viewer", "admin", "editor"))))
        .contains(Role.ADMIN);
    assertThat(roles.of(Map.of("roles", List.of("editor")))).contains(Role.EDITOR);
  }

  @Test
  void spaceSeparatedStringIsReadAsNames() {
    assertThat(roles.of(Map.of("roles", "openid editor"))).contains(Role.EDITOR);
  }

  @Test
  void unknownNamesAreIgnoredAndLeaveTheDefault() {
    assertThat(roles.of(Map.of("roles", List.of("billing", "ADMIN", "")))).contains(Role.VIEWER);
  }

  @Test
  void claimOfAnotherTypeIsRefused() {
    assertThat(roles.of(Map.of("roles", 3))).isEmpty();
    assertThat(roles.of(Map.of("roles", List.of("admin", 1)))).isEmpty();
    assertThat(roles.of(Map.of("roles", Map.of("admin", true)))).isEmpty();
  }

  @Test
  void dottedClaimReachesIntoNestedObjects() {
    TokenRoles nested = new TokenRoles("realm_access.roles", Role.VIEWER);

    assertThat(nested.of(Map.of("realm_access", Map.of("roles", List.of("admin")))))
        .contains(Role.ADMIN);
    assertThat(nested.of(Map.of("realm_access", "admin"))).contains(Role.VIEWER);
  }

  @Test
  void claimNamedWithDotsIsReadAsOneName() {
    TokenRoles namespaced = new TokenRoles("https://example.org/roles", Role.VIEWER);

    assertThat(namespaced.of(Map.of("https://example.org/roles", List.of("editor"))))
        .contains(Role.EDITOR);
  }

  @Test
  void eachRoleCoversTheOnesBelowIt() {
    assertThat(Role.ADMIN.covers(Role.EDITOR)).isTrue();
    assertThat(Role.EDITOR.covers(Role.EDITOR)).isTrue();
    assertThat(Role.EDITOR.covers(Role.ADMIN)).isFalse();
    assertThat(Role.VIEWER.covers(Role.EDITOR)).isFalse();
  }
}
