package io.outrun.api.workflow;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.Collection;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What other features ask of a workspace's workflows by id (a dependency trigger's upstream, the
 * names in a dependency listing), without the workflow feature's rules for the caller's requests.
 */
@Component
public class WorkflowLookupStore {

  private final ReactiveMongoTemplate mongo;

  WorkflowLookupStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Whether {@code id} is a workflow of the workspace that is not archived. */
  public Mono<Boolean> isLive(String workspaceId, String id) {
    Query query =
        Query.query(
            where("_id")
                .is(id)
                .and("workspaceId")
                .is(workspaceId)
                .and("status")
                .ne(WorkflowStatus.ARCHIVED.wireName()));
    return mongo.exists(query, Workflow.class);
  }

  /** The workspace's workflows named {@code ids}: id -> name. */
  public Mono<Map<String, String>> names(String workspaceId, Collection<String> ids) {
    Query query = Query.query(where("_id").in(ids).and("workspaceId").is(workspaceId));
    return mongo.find(query, Workflow.class).collectMap(Workflow::id, Workflow::name);
  }
}
