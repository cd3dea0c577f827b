package io.outrun.api.audit;

import java.time.Instant;

/**
 * One audited API call: who made it with which role, in which workspace, what it did to which
 * object, when, and how it ended. It names objects by id and never holds a request body, so no
 * secret value can reach it.
 *
 * @param subject the token's {@code sub}
 * @param role the caller's role ({@code viewer}, {@code editor}, {@code admin})
 * @param workspaceId the token's workspace
 * @param action what the call does ({@code workflow.deploy}: object type, then verb)
 * @param objectType the kind of object ({@code workflow}, {@code trigger}, {@code run}, ...)
 * @param objectId the object's id (a created object's own), or null where the route has none
 * @param method the HTTP method
 * @param path the request's path, without its query
 * @param status the response's status code (403 when the role did not allow it)
 * @param at when the call was answered
 * @param requestId the server's id of the request, as its log lines show it
 */
public record AuditEntry(
    String subject,
    String role,
    String workspaceId,
    String action,
    String objectType,
    String objectId,
    String method,
    String path,
    int status,
    Instant at,
    String requestId) {}
