package io.outrun.api.workflow;

import io.outrun.api.Page;
import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A workflow's saved versions: the list, one snapshot, and the diff of two. A workflow of another
 * workspace, and a version it does not have, are a 404.
 */
@Service
class WorkflowVersionService {

  private final WorkflowService workflows;
  private final WorkflowVersionStore versions;
  private final Deployments deployments;

  WorkflowVersionService(
      WorkflowService workflows, WorkflowVersionStore versions, Deployments deployments) {
    this.workflows = workflows;
    this.versions = versions;
    this.deployments = deployments;
  }

  /** Highest number first, {@code limit} at most, after the page that {@code before} ended. */
  Mono<Page<VersionView>> list(CurrentUser user, String id, PageCursor before, int limit) {
    return workflows
        .findHeader(user, id)
        .flatMap(
            workflow ->
                Mono.zip(
                        versions
                            .newestFirst(
                                user.workspaceId(),
                                workflow.id(),
                                WorkflowVersionStore.versionOf(before),
                                limit + 1)
                            .collectList(),
                        deployments.deployedVersions(user.workspaceId(), workflow.id()))
                    .map(
                        found ->
                            Page.of(found.getT1(), limit, WorkflowVersionService::position)
                                .map(
                                    version ->
                                        VersionView.header(version, workflow, found.getT2()))));
  }

  Mono<VersionView> find(CurrentUser user, String id, int number) {
    return workflows
        .findHeader(user, id)
        .flatMap(
            workflow ->
                Mono.zip(
                        snapshot(user, workflow, number),
                        deployments.wasDeployed(user.workspaceId(), workflow.id(), number))
                    .map(found -> VersionView.full(found.getT1(), workflow, found.getT2())));
  }

  /** What changed from version {@code from} to version {@code to}. */
  Mono<VersionDiff> diff(CurrentUser user, String id, int from, int to) {
    return workflows
        .findHeader(user, id)
        .flatMap(
            workflow ->
                Mono.zip(snapshot(user, workflow, from), snapshot(user, workflow, to))
                    .map(pair -> VersionDiff.between(pair.getT1(), pair.getT2())));
  }

  private Mono<WorkflowVersion> snapshot(CurrentUser user, Workflow workflow, int number) {
    return versions
        .find(user.workspaceId(), workflow.id(), number)
        .switchIfEmpty(
            Mono.error(
                () ->
                    ProblemException.notFound(
                        "Version " + number + " of workflow " + workflow.id())));
  }

  private static PageCursor position(WorkflowVersion version) {
    return new PageCursor(version.createdAt(), version.id());
  }
}
