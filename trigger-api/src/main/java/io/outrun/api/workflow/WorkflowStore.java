package io.outrun.api.workflow;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code workflows} and {@code workflow_versions} collections, always by workspace. */
@Component
class WorkflowStore {

  private static final String RUNS = "runs";

  private final ReactiveMongoTemplate mongo;

  WorkflowStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Saves the version snapshot first, so no workflow ever names a version that is missing. */
  Mono<Workflow> insert(Workflow workflow) {
    return mongo.insert(WorkflowVersion.of(workflow)).then(mongo.insert(workflow));
  }

  Mono<Workflow> find(String workspaceId, String id) {
    return mongo.findOne(inWorkspace(workspaceId, id), Workflow.class);
  }

  /** Newest first, archived ones left out. */
  Flux<Workflow> list(String workspaceId, int limit) {
    Query query =
        Query.query(
                where("workspaceId")
                    .is(workspaceId)
                    .and("status")
                    .ne(WorkflowStatus.ARCHIVED.wireName()))
            .with(Sort.by(Sort.Direction.DESC, "createdAt"))
            .limit(limit);
    return mongo.find(query, Workflow.class);
  }

  /**
   * Marks {@code workflow}'s current version deployed, unless it changed meanwhile (another save,
   * or archived): then empty.
   */
  Mono<Workflow> markDeployed(Workflow workflow, Instant now) {
    Query unchanged =
        inWorkspace(workflow.workspaceId(), workflow.id())
            .addCriteria(where("version").is(workflow.version()))
            .addCriteria(where("status").ne(WorkflowStatus.ARCHIVED.wireName()));
    Update deploy =
        new Update()
            .set("status", WorkflowStatus.ACTIVE.wireName())
            .set("deployedVersion", workflow.version())
            .set("deployedAt", now)
            .set("updatedAt", now);
    return mongo.findAndModify(
        unchanged, deploy, FindAndModifyOptions.options().returnNew(true), Workflow.class);
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
                .and("status")
                .is("completed"));
    return mongo.exists(query, RUNS);
  }

  private static Query inWorkspace(String workspaceId, String id) {
    return Query.query(where("_id").is(id).and("workspaceId").is(workspaceId));
  }
}
