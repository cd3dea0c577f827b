package io.outrun.api.trigger;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.input.ApiLimits;
import io.outrun.api.workflow.CreateWorkflowRequest;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.triggers.TriggerConfigs;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Export and import of a workflow with its triggers ({@link WorkflowExport}). Here rather than in
 * {@code workflow} because it needs both features and {@code trigger} already depends on {@code
 * workflow}. Triggers made from canvas nodes are not exported: the nodes are, and the next deploy
 * makes them again.
 */
@Service
class WorkflowTransfer {

  /** Checked against before trigger configs: dependency cycles cannot involve a new workflow. */
  private static final String NOT_YET_CREATED = "imported-workflow";

  /** Triggers have no order of their own; this one makes an export of the same triggers equal. */
  private static final Comparator<WorkflowExport.ExportedTrigger> IN_ORDER =
      Comparator.comparing(WorkflowExport.ExportedTrigger::type)
          .thenComparing(WorkflowExport.ExportedTrigger::name)
          .thenComparing(entry -> String.valueOf(entry.config()));

  private final WorkflowService workflows;
  private final TriggerService triggers;
  private final TriggerChecks checks;
  private final CanvasTriggerStore canvas;
  private final ApiLimits limits;

  WorkflowTransfer(
      WorkflowService workflows,
      TriggerService triggers,
      TriggerChecks checks,
      CanvasTriggerStore canvas,
      ApiLimits limits) {
    this.workflows = workflows;
    this.triggers = triggers;
    this.checks = checks;
    this.canvas = canvas;
    this.limits = limits;
  }

  /** The workflow's latest version and its API-made triggers; 404 as for a read. */
  Mono<WorkflowExport> export(CurrentUser user, String id) {
    return workflows
        .find(user, id)
        .flatMap(
            workflow ->
                canvas
                    .byNode(user.workspaceId(), workflow.id())
                    .map(nodeTrigger -> nodeTrigger.trigger().id())
                    .collect(Collectors.toSet())
                    .flatMap(fromNodes -> entries(user, workflow, fromNodes))
                    .map(
                        entries ->
                            new WorkflowExport(WorkflowExport.FORMAT, content(workflow), entries)));
  }

  private Mono<List<WorkflowExport.ExportedTrigger>> entries(
      CurrentUser user, Workflow workflow, Set<String> fromNodes) {
    return triggers
        .list(user, workflow.id(), limits.maxTriggersPerWorkspace())
        .filter(trigger -> !fromNodes.contains(trigger.id()))
        .map(
            trigger ->
                new WorkflowExport.ExportedTrigger(
                    trigger.type().wireName(),
                    trigger.name(),
                    trigger.enabled(),
                    TriggerConfigs.shown(trigger.config())))
        .collectSortedList(IN_ORDER);
  }

  /**
   * A new draft (new ids) with new triggers (fresh secrets), each checked as the triggers API
   * checks it, all before anything is written; 400 for an unknown format. A webhook whose path
   * another webhook of the workspace has (exporting and importing into one workspace) is imported
   * without its path, with a warning, rather than refusing the import. If a write fails after the
   * checks (a limit reached meanwhile), what the import made is deleted before the error answers.
   */
  Mono<Imported> importDocument(CurrentUser user, WorkflowExport document) {
    if (!WorkflowExport.FORMAT.equals(document.format())) {
      return Mono.error(
          ProblemException.invalid(
              "Unknown export format.",
              List.of(new FieldProblem("format", "must be " + WorkflowExport.FORMAT))));
    }
    List<TriggerRequest> requests =
        document.triggers().stream().map(WorkflowExport.ExportedTrigger::request).toList();
    WorkflowExport.Content content = document.workflow();
    return Flux.range(0, requests.size())
        .concatMap(index -> prepare(user, index, requests.get(index)))
        .collectList()
        .flatMap(
            prepared ->
                workflows
                    .create(
                        user,
                        new CreateWorkflowRequest(
                            content.name(), content.nodes(), content.edges(), content.settings()))
                    .flatMap(workflow -> createTriggers(user, workflow, prepared)));
  }

  private Mono<Imported> createTriggers(
      CurrentUser user, Workflow workflow, List<Prepared> prepared) {
    return Flux.fromIterable(prepared)
        .concatMap(each -> triggers.create(user, workflow.id(), each.request()))
        .collectList()
        .map(saved -> new Imported(workflow, saved, warnings(prepared)))
        .onErrorResume(failed -> discard(user, workflow).then(Mono.error(failed)));
  }

  /** Deletes the draft an import made and every trigger it created for it. */
  private Mono<Void> discard(CurrentUser user, Workflow workflow) {
    return triggers
        .list(user, workflow.id(), limits.maxTriggersPerWorkspace())
        .concatMap(trigger -> triggers.delete(user, workflow.id(), trigger.id()))
        .then(workflows.discardDraft(user, workflow.id()));
  }

  private static List<FieldProblem> warnings(List<Prepared> prepared) {
    return prepared.stream().map(Prepared::warning).filter(Objects::nonNull).toList();
  }

  /** A trigger request as it will be made, and why it differs from the document's (or null). */
  private record Prepared(TriggerRequest request, FieldProblem warning) {}

  /** The request checked; a webhook path taken in the workspace dropped, with a warning. */
  private Mono<Prepared> prepare(CurrentUser user, int index, TriggerRequest request) {
    return check(user, index, request)
        .thenReturn(new Prepared(request, null))
        .onErrorResume(
            ProblemException.class,
            problem -> {
              if (!isPathTaken(problem)) {
                return Mono.error(problem);
              }
              TriggerRequest withoutPath = request.withoutPath();
              FieldProblem warning =
                  new FieldProblem(
                      "triggers[" + index + "].config.path",
                      problem.getMessage()
                          + " Imported without a path (served by its id URL only).");
              return check(user, index, withoutPath).thenReturn(new Prepared(withoutPath, warning));
            });
  }

  private static boolean isPathTaken(ProblemException problem) {
    return problem.status() == HttpStatus.CONFLICT
        && "config.path".equals(problem.properties().get("field"));
  }

  private Mono<Void> check(CurrentUser user, int index, TriggerRequest request) {
    return checks
        .requireValidInput(request)
        .then(checks.config(user.workspaceId(), NOT_YET_CREATED, request, null))
        .then()
        .onErrorMap(
            ProblemException.class,
            problem ->
                problem.status() == HttpStatus.BAD_REQUEST
                    ? ProblemException.invalid(problem.getMessage(), at(index, problem.errors()))
                    : problem);
  }

  private static List<FieldProblem> at(int index, List<FieldProblem> problems) {
    String prefix = "triggers[" + index + "]";
    List<FieldProblem> located =
        problems.stream()
            .map(problem -> new FieldProblem(prefix + "." + problem.field(), problem.message()))
            .toList();
    return located.isEmpty()
        ? List.of(new FieldProblem(prefix, "cannot be created as it is"))
        : located;
  }

  private static WorkflowExport.Content content(Workflow workflow) {
    return new WorkflowExport.Content(
        workflow.name(), workflow.nodes(), workflow.edges(), workflow.settings());
  }

  /**
   * A workflow just imported and its triggers, each with its secret if it has one, and what was
   * changed to import them.
   */
  record Imported(
      Workflow workflow, List<TriggerService.Saved> triggers, List<FieldProblem> warnings) {}
}
