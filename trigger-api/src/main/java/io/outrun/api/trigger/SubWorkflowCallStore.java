package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.workflow.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The workflows a workspace's workflows call ({@link WorkflowCalls}: {@code sub_workflow} nodes and
 * {@code ai_agent} workflow tools), as edges of the {@link DependencyGraph} (caller -> callee: a
 * run of the caller starts one of the callee, as a run of an upstream starts its dependents). A
 * workflow calls what its deployed version's nodes name; only active workflows call anything.
 */
@Component
class SubWorkflowCallStore {

  private final ReactiveMongoTemplate mongo;

  SubWorkflowCallStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * The calls of the workspace's active workflows, but those of {@code excludedCaller} (null:
   * none).
   */
  Flux<DependencyGraph.Edge> edges(String workspaceId, String excludedCaller) {
    Criteria active =
        where("workspaceId")
            .is(workspaceId)
            .and("status")
            .is(WorkflowStatus.ACTIVE.wireName())
            .and("deployedVersion")
            .ne(null);
    if (excludedCaller != null) {
      active = active.and("_id").ne(excludedCaller);
    }
    Query deployed = Query.query(active);
    deployed.fields().include("deployedVersion");
    return mongo
        .find(deployed, Document.class, "workflows")
        .map(workflow -> workflow.getString("_id") + ":" + workflow.get("deployedVersion"))
        .collectList()
        .filter(ids -> !ids.isEmpty())
        .flatMapMany(
            ids ->
                mongo.find(
                    Query.query(
                        where("_id").in(ids).and("nodes.type").in(WorkflowCalls.CALLING_TYPES)),
                    Document.class,
                    "workflow_versions"))
        .flatMapIterable(SubWorkflowCallStore::edgesOf);
  }

  private static List<DependencyGraph.Edge> edgesOf(Document version) {
    String id = version.getString("_id");
    String caller = id.substring(0, id.lastIndexOf(':'));
    List<DependencyGraph.Edge> edges = new ArrayList<>();
    for (Document node : version.getList("nodes", Document.class, List.of())) {
      Object data = node.get("data");
      if (data instanceof Document fields) {
        WorkflowCalls.of(node.getString("id"), node.getString("type"), fields)
            .values()
            .forEach(target -> edges.add(new DependencyGraph.Edge(caller, target)));
      }
    }
    return edges;
  }
}
