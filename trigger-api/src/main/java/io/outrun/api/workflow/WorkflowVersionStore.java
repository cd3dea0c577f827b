package io.outrun.api.workflow;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.PageCursor;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the {@code workflow_versions} snapshots of one workflow, always by workspace; {@link
 * WorkflowStore} writes them.
 */
@Component
class WorkflowVersionStore {

  private static final String VERSION = "version";

  private final ReactiveMongoTemplate mongo;

  WorkflowVersionStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * The versions' headers (no nodes, edges or settings), highest number first, strictly below
   * {@code belowVersion} when it is given.
   */
  Flux<WorkflowVersion> newestFirst(
      String workspaceId, String workflowId, Integer belowVersion, int limit) {
    Query query = ofWorkflow(workspaceId, workflowId);
    if (belowVersion != null) {
      query.addCriteria(where(VERSION).lt(belowVersion));
    }
    query.fields().exclude("nodes", "edges", "settings");
    query.with(Sort.by(Sort.Direction.DESC, VERSION)).limit(limit);
    return mongo.find(query, WorkflowVersion.class);
  }

  /** The snapshot of {@code version}, its node data as the editor saved it; empty if none. */
  Mono<WorkflowVersion> find(String workspaceId, String workflowId, int version) {
    Query query = ofWorkflow(workspaceId, workflowId).addCriteria(where(VERSION).is(version));
    return mongo.findOne(query, WorkflowVersion.class).map(WorkflowVersion::fromStored);
  }

  /** Ignores a cursor that names no version of this workflow: then the first page. */
  static Integer versionOf(PageCursor cursor) {
    if (cursor == null || cursor.id() == null) {
      return null;
    }
    String id = cursor.id();
    try {
      return Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
    } catch (NumberFormatException notAVersion) {
      return null;
    }
  }

  private static Query ofWorkflow(String workspaceId, String workflowId) {
    return Query.query(where("workspaceId").is(workspaceId).and("workflowId").is(workflowId));
  }
}
