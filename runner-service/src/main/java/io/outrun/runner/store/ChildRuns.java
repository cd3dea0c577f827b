package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a {@code sub_workflow} node reads: the workflow it may start (an active workflow of the
 * parent's workspace, at its deployed version) and the state of the child run it started. Both
 * reads are scoped by workspace, so a node never learns of another workspace's workflows or runs.
 */
@Component
public class ChildRuns {

  private static final String WORKFLOWS = "workflows";

  private final ReactiveMongoTemplate mongo;

  ChildRuns(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The deployed version of {@code workflowId}, if it is an active workflow of the workspace. */
  public Mono<Integer> deployedVersion(String workspaceId, String workflowId) {
    return mongo
        .findOne(
            query(
                where("_id")
                    .is(workflowId)
                    .and("workspaceId")
                    .is(workspaceId)
                    .and("status")
                    .is("active")),
            Document.class,
            WORKFLOWS)
        .flatMap(
            workflow ->
                workflow.get("deployedVersion") instanceof Number version
                    ? Mono.just(version.intValue())
                    : Mono.empty());
  }

  /** The state of run {@code runId} of the workspace: absent, not ended yet, or ended. */
  public Mono<ChildRun> find(String workspaceId, String runId) {
    return mongo
        .findOne(
            query(where("_id").is(runId).and("workspaceId").is(workspaceId)), RunDocument.class)
        .map(StoredRuns::fromStored)
        .flatMap(run -> run.terminal() ? ended(run) : Mono.<ChildRun>just(new ChildRun.Pending()))
        .defaultIfEmpty(new ChildRun.Absent());
  }

  /**
   * An ended run with the outputs of its final steps, as its {@code run-completed} carries them.
   */
  private Mono<ChildRun> ended(RunDocument run) {
    return mongo
        .findById(
            run.workflowId() + ":" + run.workflowVersion(), Document.class, "workflow_versions")
        .map(ChildRuns::finalNodeIds)
        .defaultIfEmpty(Set.of())
        .map(
            finals -> {
              Map<String, Object> outputs = new LinkedHashMap<>();
              run.steps().stream()
                  .filter(StepDocument::completed)
                  .filter(step -> finals.isEmpty() || finals.contains(step.nodeId()))
                  .forEach(step -> outputs.put(step.nodeId(), step.output()));
              return new ChildRun.Ended(run.status(), run.error(), outputs);
            });
  }

  /** The nodes no edge leaves from. */
  private static Set<String> finalNodeIds(Document version) {
    Set<String> finals = new HashSet<>();
    version.getList("nodes", Document.class, List.of()).forEach(n -> finals.add(n.getString("id")));
    version
        .getList("edges", Document.class, List.of())
        .forEach(edge -> finals.remove(edge.getString("source")));
    return finals;
  }

  /** What {@link #find} found. */
  public sealed interface ChildRun {

    /** No such run (yet): its request is not recorded. */
    record Absent() implements ChildRun {}

    /** Queued or running. */
    record Pending() implements ChildRun {}

    /** Ended {@code status} ({@code completed}, {@code failed} or {@code cancelled}). */
    record Ended(String status, String error, Map<String, Object> outputs) implements ChildRun {}
  }
}
