package io.outrun.api.audit;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** An audit entry as {@code GET /api/audit} shows it. */
record AuditView(
    String id,
    Instant at,
    String subject,
    String role,
    String action,
    String objectType,
    String objectId,
    String method,
    String path,
    int status,
    String requestId) {

  static AuditView of(Document entry) {
    return new AuditView(
        entry.getString("_id"),
        entry.get(AuditStore.AT, Date.class).toInstant(),
        entry.getString("subject"),
        entry.getString("role"),
        entry.getString("action"),
        entry.getString("objectType"),
        entry.getString("objectId"),
        entry.getString("method"),
        entry.getString("path"),
        entry.getInteger("status", 0),
        entry.getString("requestId"));
  }
}
