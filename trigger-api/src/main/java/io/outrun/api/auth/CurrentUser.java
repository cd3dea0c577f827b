package io.outrun.api.auth;

/**
 * Who is calling: the token's {@code sub} and {@code workspaceId}, and the {@link Role} its roles
 * claim gives in that workspace. Controllers take it as an {@code @AuthenticationPrincipal}
 * parameter and every query filters by {@link #workspaceId()}.
 */
public record CurrentUser(String userId, String workspaceId, Role role) {}
