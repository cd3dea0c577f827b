package io.outrun.api.workflow;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.PageCursor;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.workflow.Deployment.Deployed;
import java.time.Instant;
import java.util.Collection;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code workflows} and {@code workflow_versions} collections, always by workspace. Every
 * change is one conditional update (it names the state or version it expects), so two concurrent
 * requests cannot both win. Takes and answers workflows as the editor saved them and stores their
 * node data escaped ({@link Workflow#toStored}), in both collections.
 */
@Component
class WorkflowStore {

  private static final String RUNS = "runs";
  private static final String STATUS = "status";
  private static final String VERSION = "version";
  private static final String UPDATED_AT = "updatedAt";

  /** How many deploys and rollbacks the workflow has had: numbers its {@link Deployment}s. */
  private static final String DEPLOY_COUNT = "deployCount";

  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;
  private final WorkflowHeaders headers;

  WorkflowStore(ReactiveMongoTemplate mongo, WorkflowHeaders headers) {
    this.mongo = mongo;
    this.headers = headers;
  }

  /** Saves the version snapshot first, so no workflow ever names a version that is missing. */
  Mono<Workflow> insert(Workflow workflow) {
    Workflow stored = workflow.toStored();
    return mongo
        .insert(WorkflowVersion.of(stored, workflow.createdBy()))
        .then(mongo.insert(stored))
        .thenReturn(workflow);
  }

  Mono<Workflow> find(String workspaceId, String id) {
    return mongo.findOne(inWorkspace(workspaceId, id), Workflow.class).map(Workflow::fromStored);
  }

  /** The workflow without its nodes, edges and settings. */
  Mono<Workflow> findHeader(String workspaceId, String id) {
    Query query = inWorkspace(workspaceId, id);
    query.fields().exclude("nodes", "edges", "settings");
    return headers.find(workspaceId, id, () -> mongo.findOne(query, Workflow.class));
  }

  /** How many workflows of the workspace are not archived. */
  Mono<Long> countLive(String workspaceId) {
    Query query =
        Query.query(
            where("workspaceId")
                .is(workspaceId)
                .and(STATUS)
                .ne(WorkflowStatus.ARCHIVED.wireName()));
    return mongo.count(query, Workflow.class);
  }

  /**
   * Newest first ({@code createdAt}, then id), after {@code before} if given; with {@code status}
   * only those, else all but archived ones.
   */
  Flux<Workflow> page(String workspaceId, WorkflowStatus status, PageCursor before, int limit) {
    Query query = Query.query(where("workspaceId").is(workspaceId));
    query.addCriteria(
        status == null
            ? where(STATUS).ne(WorkflowStatus.ARCHIVED.wireName())
            : where(STATUS).is(status.wireName()));
    if (before != null) {
      query.addCriteria(before.after("createdAt"));
    }
    query.with(Sort.by(Sort.Direction.DESC, "createdAt", "_id")).limit(limit);
    return mongo.find(query, Workflow.class).map(Workflow::fromStored);
  }

  /**
   * Saves an edit of version {@code edit.version()} as the next version, unless the workflow is at
   * another version or archived (then empty). The snapshot of the new version is written next;
   * {@link #ensureSnapshot} repairs a save interrupted in between.
   */
  Mono<Workflow> saveEdit(CurrentUser user, String id, UpdateWorkflowRequest edit, Instant now) {
    String workspaceId = user.workspaceId();
    Query unchanged =
        inWorkspace(workspaceId, id)
            .addCriteria(where(VERSION).is(edit.version()))
            .addCriteria(where(STATUS).ne(WorkflowStatus.ARCHIVED.wireName()));
    Update save =
        new Update()
            .set("name", edit.name())
            .set("nodes", edit.nodes().stream().map(WorkflowStore::stored).toList())
            .set("edges", edit.edges())
            .set("settings", edit.settings())
            .set(VERSION, edit.version() + 1)
            .set(UPDATED_AT, now);
    return changing(id, mongo.findAndModify(unchanged, save, RETURN_NEW, Workflow.class))
        .map(Workflow::fromStored)
        .flatMap(saved -> ensureSnapshot(saved, user.userId()).thenReturn(saved));
  }

  /** Writes the snapshot of the workflow's current version unless it exists (it is immutable). */
  Mono<Void> ensureSnapshot(Workflow workflow, String savedBy) {
    return mongo
        .insert(WorkflowVersion.of(workflow.toStored(), savedBy))
        .then()
        .onErrorResume(DuplicateKeyException.class, exists -> Mono.empty());
  }

  /** {@code workflow} with the canvas of its snapshot {@code version}; empty if there is none. */
  Mono<Workflow> snapshot(Workflow workflow, int version) {
    return mongo
        .findById(workflow.id() + ":" + version, WorkflowVersion.class)
        .map(WorkflowVersion::fromStored)
        .map(snapshot -> snapshot.applyTo(workflow));
  }

  /** Removes a draft and its version snapshots (an import that could not finish). */
  Mono<Void> removeDraft(String workspaceId, String id) {
    Query draft =
        inWorkspace(workspaceId, id).addCriteria(where(STATUS).is(WorkflowStatus.DRAFT.wireName()));
    return mongo
        .remove(draft, Workflow.class)
        .then(mongo.remove(Query.query(where("workflowId").is(id)), WorkflowVersion.class))
        .then();
  }

  /** Applies {@code change} if the workflow's status is one of {@code from}; else empty. */
  Mono<Workflow> changeStatus(
      String workspaceId, String id, Collection<WorkflowStatus> from, Update change, Instant now) {
    Query inState =
        inWorkspace(workspaceId, id)
            .addCriteria(where(STATUS).in(from.stream().map(WorkflowStatus::wireName).toList()));
    return changing(
            id,
            mongo.findAndModify(inState, change.set(UPDATED_AT, now), RETURN_NEW, Workflow.class))
        .map(Workflow::fromStored);
  }

  /**
   * Marks {@code workflow}'s current version deployed, unless it changed meanwhile (another save,
   * or archived): then empty.
   */
  Mono<Deployed> markDeployed(Workflow workflow, Instant now) {
    Query unchanged =
        inWorkspace(workflow.workspaceId(), workflow.id())
            .addCriteria(where(VERSION).is(workflow.version()))
            .addCriteria(where(STATUS).ne(WorkflowStatus.ARCHIVED.wireName()));
    return deploy(workflow.id(), unchanged, workflow.version(), now);
  }

  /**
   * Makes {@code version} the deployed one without touching the edited version; empty if archived.
   */
  Mono<Deployed> markRolledBack(Workflow workflow, int version, Instant now) {
    Query notArchived =
        inWorkspace(workflow.workspaceId(), workflow.id())
            .addCriteria(where(STATUS).ne(WorkflowStatus.ARCHIVED.wireName()));
    return deploy(workflow.id(), notArchived, version, now);
  }

  private Mono<Deployed> deploy(String id, Query query, int version, Instant now) {
    Update deploy =
        new Update()
            .set(STATUS, WorkflowStatus.ACTIVE.wireName())
            .set("deployedVersion", version)
            .set("deployedAt", now)
            .set(UPDATED_AT, now)
            .inc(DEPLOY_COUNT, 1);
    return changing(
            id, mongo.findAndModify(query, deploy, RETURN_NEW, Document.class, Workflow.COLLECTION))
        .map(
            document ->
                new Deployed(
                    mongo.getConverter().read(Workflow.class, document).fromStored(),
                    document.get(DEPLOY_COUNT, Number.class).longValue()));
  }

  /**
   * {@code write} of workflow {@code id}, its remembered header forgotten as soon as it is done.
   */
  private <T> Mono<T> changing(String id, Mono<T> write) {
    return write
        .doOnSuccess(done -> headers.forget(id))
        .doOnError(failed -> headers.forget(id))
        .doOnCancel(() -> headers.forget(id));
  }

  /** Whether the runner has recorded a successful test run of this version (the deploy gate). */
  Mono<Boolean> hasCompletedTestRun(String workflowId, int version) {
    Query query =
        Query.query(
            where("workflowId")
                .is(workflowId)
                .and("workflowVersion")
                .is(version)
                .and("test")
                .is(true)
                .and(STATUS)
                .is("completed"));
    return mongo.exists(query, RUNS);
  }

  private static Node stored(Node node) {
    return node == null ? null : node.toStored();
  }

  private static Query inWorkspace(String workspaceId, String id) {
    return Query.query(where("_id").is(id).and("workspaceId").is(workspaceId));
  }
}
