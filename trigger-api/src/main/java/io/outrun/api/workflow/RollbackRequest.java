package io.outrun.api.workflow;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The body of {@code POST /api/workflows/{id}/rollback}: the earlier deployed version to run. */
record RollbackRequest(@NotNull @Positive Integer version) {}
