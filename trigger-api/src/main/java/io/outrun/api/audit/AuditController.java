package io.outrun.api.audit;

import io.outrun.api.Page;
import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/audit}: the workspace's audit log, newest first, for admins. */
@RestController
class AuditController {

  static final int MAX_LIMIT = 200;

  private final AuditStore store;

  AuditController(AuditStore store) {
    this.store = store;
  }

  @Operation(
      summary = "The workspace's audit log (admin)",
      description =
          "Every state-changing call (whatever its outcome) and every call refused for its role,"
              + " newest first: who (subject, role), what (action, objectType, objectId, method,"
              + " path), the status code, when and the request id; never a body or a secret."
              + " Filters: action (workflow.deploy, secret.put, ...) and objectId, exact."
              + " Paged like the other lists: a JSON array, and when more follow a Link"
              + " rel=\"next\" and the cursor in X-Next-Cursor (pass it as before). limit is"
              + " clamped to 1..200 (default 50).")
  @GetMapping("/api/audit")
  Mono<ResponseEntity<List<AuditView>>> list(
      @AuthenticationPrincipal CurrentUser user,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String objectId,
      @RequestParam(required = false) String before,
      @RequestParam(defaultValue = "50") int limit,
      ServerHttpRequest request) {
    int pageSize = Math.clamp(limit, 1, MAX_LIMIT);
    return Mono.fromSupplier(() -> new Search(AuditFilter.of(action, objectId), before))
        .flatMap(
            search ->
                store
                    .page(
                        user.workspaceId(),
                        search.filter(),
                        PageCursor.parse(search.before()),
                        pageSize + 1)
                    .collectList())
        .map(
            found ->
                Page.of(found, pageSize, AuditController::position)
                    .respond(request, AuditView::of));
  }

  private static PageCursor position(Document entry) {
    return new PageCursor(entry.get(AuditStore.AT, Date.class).toInstant(), entry.getString("_id"));
  }

  private record Search(AuditFilter filter, String before) {}
}
