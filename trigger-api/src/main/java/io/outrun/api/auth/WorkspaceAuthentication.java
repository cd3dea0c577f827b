package io.outrun.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/** A verified token whose principal is the {@link CurrentUser} it names. */
final class WorkspaceAuthentication extends AbstractAuthenticationToken {

  static final String WORKSPACE_CLAIM = "workspaceId";

  private final CurrentUser user;
  private final Jwt token;

  private WorkspaceAuthentication(CurrentUser user, Jwt token) {
    super(List.of());
    this.user = user;
    this.token = token;
    setAuthenticated(true);
  }

  /**
   * The token's user with the role {@code roles} reads from it, or an invalid-token error (so a
   * 401) without {@code sub} or workspace, or with a roles claim of the wrong type.
   */
  static Mono<WorkspaceAuthentication> from(Jwt token, TokenRoles roles) {
    String userId = token.getSubject();
    String workspaceId = token.getClaimAsString(WORKSPACE_CLAIM);
    if (isBlank(userId) || isBlank(workspaceId)) {
      return Mono.error(
          new InvalidBearerTokenException("The token must carry sub and workspaceId claims"));
    }
    return roles
        .of(token.getClaims())
        .map(role -> new WorkspaceAuthentication(new CurrentUser(userId, workspaceId, role), token))
        .map(Mono::just)
        .orElseGet(
            () ->
                Mono.error(
                    new InvalidBearerTokenException(
                        "The token's "
                            + roles.claim()
                            + " claim must be an array of strings or a string")));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public CurrentUser getPrincipal() {
    return user;
  }

  @Override
  public Jwt getCredentials() {
    return token;
  }
}
