package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.api.input.ApiLimits;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a trigger request is refused for before it is saved: its input ({@link TriggerInputRule},
 * 400), its type's config ({@link TriggerConfigRule}, 400, answering the config to store), and a
 * workspace that already has the most triggers allowed (409).
 */
@Component
class TriggerChecks {

  private final ApiLimits limits;
  private final TriggerStore store;
  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  TriggerChecks(ApiLimits limits, TriggerStore store, ReactiveMongoTemplate mongo, Clock clock) {
    this.limits = limits;
    this.store = store;
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Empty if the request's name, type and config keys are acceptable, else a 400. */
  Mono<Void> requireValidInput(TriggerRequest request) {
    return Mono.fromRunnable(
        () -> {
          List<FieldProblem> problems = TriggerInputRule.check(request, limits);
          if (!problems.isEmpty()) {
            throw ProblemException.invalid("The trigger cannot be saved as it is.", problems);
          }
        });
  }

  /** The normalized config to store, or a 400 listing every problem of the requested one. */
  Mono<Map<String, Object>> config(String workflowId, TriggerRequest request) {
    return mongo
        .getMongoDatabase()
        .map(
            database ->
                new TriggerConfigRule.Context(workflowId, clock.instant(), database.getName()))
        .map(context -> TriggerConfigRule.check(request.type(), request.config(), context))
        .flatMap(
            checked ->
                switch (checked) {
                  case TriggerConfigRule.Checked.Invalid(String detail, var errors) ->
                      Mono.error(ProblemException.invalid(detail, errors));
                  case TriggerConfigRule.Checked.Valid(var config) -> Mono.just(config);
                });
  }

  /** A 409 if the workspace has as many triggers as it may have. */
  Mono<Void> requireRoom(String workspaceId) {
    int max = limits.maxTriggersPerWorkspace();
    return store
        .count(workspaceId)
        .filter(count -> count >= max)
        .flatMap(
            count ->
                Mono.error(
                    ProblemException.conflict(
                            "The workspace has "
                                + count
                                + " triggers, the most it may have; delete one to create another.")
                        .with("limit", max)));
  }
}
