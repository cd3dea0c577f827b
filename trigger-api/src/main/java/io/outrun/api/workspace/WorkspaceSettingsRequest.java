package io.outrun.api.workspace;

/** The body of {@code PUT /api/workspace/settings}: the settings, replaced whole. */
record WorkspaceSettingsRequest(
    String slug,
    Integer autoPauseAfterFailures,
    WorkspaceSettings.RetentionDays retention,
    WorkspaceSettings.Quotas quotas) {}
