package io.outrun.api.workflow;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.api.workflow.Deployment.Deployed;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code deployments} collection: the record of every deploy and rollback, by workspace. */
@Component
class Deployments {

  private final ReactiveMongoTemplate mongo;
  private final MeterRegistry meters;

  Deployments(ReactiveMongoTemplate mongo, MeterRegistry meters) {
    this.mongo = mongo;
    this.meters = meters;
  }

  /** Records (once) and counts a deploy or rollback that has just succeeded. */
  Mono<Deployment> record(Deployed deployed, String userId, String kind) {
    Deployment deployment = Deployment.of(deployed, userId, kind);
    return mongo
        .insert(deployment)
        .onErrorResume(DuplicateKeyException.class, recorded -> Mono.just(deployment))
        .doOnSuccess(
            recorded -> meters.counter(ApiMetrics.DEPLOYS, ApiMetrics.KIND, kind).increment());
  }

  /** Newest first. */
  Flux<Deployment> newestFirst(String workspaceId, String workflowId, int limit) {
    Query query =
        ofWorkflow(workspaceId, workflowId)
            .with(Sort.by(Sort.Direction.DESC, "sequence"))
            .limit(limit);
    return mongo.find(query, Deployment.class);
  }

  /** Whether {@code version} of the workflow has ever been deployed. */
  Mono<Boolean> wasDeployed(String workspaceId, String workflowId, int version) {
    return mongo.exists(
        ofWorkflow(workspaceId, workflowId).addCriteria(where("version").is(version)),
        Deployment.class);
  }

  /** Every version a deploy or rollback of the workflow has made the deployed one. */
  Mono<Set<Integer>> deployedVersions(String workspaceId, String workflowId) {
    return mongo
        .findDistinct(
            ofWorkflow(workspaceId, workflowId), "version", Deployment.class, Integer.class)
        .collect(Collectors.toSet());
  }

  private static Query ofWorkflow(String workspaceId, String workflowId) {
    return Query.query(where("workspaceId").is(workspaceId).and("workflowId").is(workflowId));
  }
}
