package io.outrun.api.workflow;

import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /api/workflows/{id}/versions}: every saved version, one snapshot, and a diff of two. */
@RestController
@RequestMapping("/api/workflows/{id}/versions")
class WorkflowVersionController {

  private final WorkflowVersionService versions;

  WorkflowVersionController(WorkflowVersionService versions) {
    this.versions = versions;
  }

  @Operation(
      summary = "The workflow's versions, newest first",
      description =
          "Each with who saved it and when, whether it is the deployed one and whether it ever"
              + " was; ?limit= (1..200, default 50), the next page by ?before=<X-Next-Cursor>.")
  @GetMapping
  Mono<ResponseEntity<List<VersionView>>> list(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String before,
      ServerHttpRequest request) {
    int pageSize = Math.clamp(limit, 1, WorkflowController.MAX_LIMIT);
    return Mono.defer(
        () ->
            versions
                .list(user, id, PageCursor.parse(before), pageSize)
                .map(page -> page.respond(request, Function.identity())));
  }

  @Operation(summary = "One version's snapshot: name, nodes, edges and settings as saved")
  @GetMapping("/{version}")
  Mono<VersionView> get(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @PathVariable int version) {
    return versions.find(user, id, version);
  }

  @Operation(
      summary = "What changed from one version to another",
      description =
          "Nodes and edges added, removed and changed by id (changed ones with the JSON Pointers"
              + " that differ), settings paths changed, and whether the name changed.")
  @GetMapping("/{version}/diff/{other}")
  Mono<VersionDiff> diff(
      @AuthenticationPrincipal CurrentUser user,
      @PathVariable String id,
      @PathVariable int version,
      @PathVariable int other) {
    return versions.diff(user, id, version, other);
  }
}
