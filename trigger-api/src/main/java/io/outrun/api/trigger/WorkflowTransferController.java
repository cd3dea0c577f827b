package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/workflows/{id}/export} and {@code POST /api/workflows/import}. */
@RestController
@RequestMapping("/api/workflows")
class WorkflowTransferController {

  private final WorkflowTransfer transfer;
  private final TriggerViews views;

  WorkflowTransferController(WorkflowTransfer transfer, TriggerViews views) {
    this.transfer = transfer;
    this.views = views;
  }

  @Operation(
      summary = "The workflow and its triggers as one document (format outrun.workflow/v1)",
      description =
          "The latest version's name, nodes, edges and settings, and the triggers made through"
              + " the triggers API (type, name, enabled, config) without ids, times or secrets.")
  @GetMapping("/{id}/export")
  Mono<WorkflowExport> export(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
    return transfer.export(user, id);
  }

  @Operation(
      summary = "Create a draft from an exported document (201)",
      description =
          "New ids for the workflow and its triggers, fresh webhook secrets (shown once here);"
              + " every trigger is checked as POST .../triggers checks it before anything is"
              + " written. An unknown format is a 400. A webhook path another webhook of the"
              + " workspace has is dropped (warnings names it) instead of refusing the import; a"
              + " write failing after the checks leaves nothing behind.")
  @PostMapping("/import")
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ImportedView> importWorkflow(
      @AuthenticationPrincipal CurrentUser user,
      @Valid @RequestBody WorkflowExport document,
      ServerHttpResponse response) {
    return transfer
        .importDocument(user, document)
        .map(
            imported ->
                new ImportedView(
                    imported.workflow().id(),
                    imported.workflow().name(),
                    imported.workflow().status(),
                    imported.workflow().version(),
                    imported.triggers().stream()
                        .map(saved -> views.of(saved.trigger(), saved.secret()))
                        .toList(),
                    imported.warnings()))
        .doOnNext(
            created ->
                response.getHeaders().setLocation(URI.create("/api/workflows/" + created.id())));
  }

  /**
   * The new draft's id, name, status and version, its new triggers, and {@code warnings}: what was
   * changed to import it (a webhook path taken in the workspace, dropped), each {@code {field,
   * message}}.
   */
  record ImportedView(
      String id,
      String name,
      String status,
      int version,
      List<TriggerView> triggers,
      List<FieldProblem> warnings) {}
}
