package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The steps a retry takes over from the run it retries: that run's completed steps, read from its
 * run document (their input and output unescaped as {@link StoredRuns} reads every step), each
 * marked reused from it and using nothing. Only a run of the same workspace, workflow and version
 * counts; any other run, or none, gives no steps, so the retry runs every step.
 */
@Component
public class RetriedRuns {

  private final ReactiveMongoTemplate mongo;

  RetriedRuns(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The completed steps of {@code retried}'s original, the run {@code retryOf} names. */
  public Mono<List<StepDocument>> reusableSteps(RunDocument retried) {
    String original = retried.triggeredBy().retryOf();
    if (original == null) {
      return Mono.just(List.of());
    }
    return mongo
        .findOne(
            query(
                where("_id")
                    .is(original)
                    .and("workspaceId")
                    .is(retried.workspaceId())
                    .and("workflowId")
                    .is(retried.workflowId())
                    .and("workflowVersion")
                    .is(retried.workflowVersion())),
            RunDocument.class)
        .map(StoredRuns::fromStored)
        .map(run -> reused(run.steps(), original))
        .defaultIfEmpty(List.of());
  }

  private static List<StepDocument> reused(List<StepDocument> steps, String original) {
    return steps.stream()
        .filter(StepDocument::completed)
        .map(step -> step.reusedFrom(original))
        .toList();
  }
}
