package io.outrun.api.secret;

import java.time.Instant;

/** What {@code GET /api/secrets} shows of a secret: never its value. */
record SecretView(
    String name, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {}
