package io.outrun.api.workspace;

/**
 * A workspace's settings as the API shows them.
 *
 * @param slug the workspace's name in webhook paths ({@code /api/webhooks/{slug}/{path}}), or null
 */
public record WorkspaceSettings(String workspaceId, String slug) {}
