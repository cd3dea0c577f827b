package io.outrun.api.trigger;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.RandomIds;
import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.ProblemException;
import io.outrun.api.workflow.Workflow;
import io.outrun.api.workflow.WorkflowService;
import io.outrun.api.workflow.WorkflowStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates and lists the triggers of a workflow in the caller's workspace. */
@Service
class TriggerService {

  private final WorkflowService workflows;
  private final ReactiveMongoTemplate mongo;
  private final RandomIds ids;
  private final Clock clock;

  TriggerService(
      WorkflowService workflows, ReactiveMongoTemplate mongo, RandomIds ids, Clock clock) {
    this.workflows = workflows;
    this.mongo = mongo;
    this.ids = ids;
    this.clock = clock;
  }

  Mono<Trigger> create(CurrentUser user, String workflowId, CreateTriggerRequest request) {
    return workflows
        .find(user, workflowId)
        .flatMap(workflow -> mongo.insert(newTrigger(workflow, request)));
  }

  Flux<Trigger> list(CurrentUser user, String workflowId) {
    Query query =
        Query.query(where("workspaceId").is(user.workspaceId()).and("workflowId").is(workflowId))
            .with(Sort.by(Sort.Direction.DESC, "createdAt"));
    return workflows.find(user, workflowId).thenMany(mongo.find(query, Trigger.class));
  }

  private Trigger newTrigger(Workflow workflow, CreateTriggerRequest request) {
    if (workflow.state() == WorkflowStatus.ARCHIVED) {
      throw ProblemException.conflict("An archived workflow cannot get new triggers.");
    }
    return switch (TriggerConfigRule.check(request.type(), request.config())) {
      case TriggerConfigRule.Checked.Invalid(String detail, var errors) ->
          throw ProblemException.invalid(detail, errors);
      case TriggerConfigRule.Checked.Valid(var config) -> {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        yield new Trigger(
            ids.next(),
            workflow.workspaceId(),
            workflow.id(),
            request.type(),
            request.name(),
            request.enabled(),
            config,
            now,
            now,
            null,
            0);
      }
    };
  }
}
