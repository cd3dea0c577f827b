package io.outrun.api.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.outrun.api.error.ProblemException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/runs/{id}/cancel}. A queued run no runner has taken yet is cancelled at once
 * (the runner only starts a run it moves from queued to running, so it never starts this one). A
 * running run is only flagged {@code cancelRequested}: the runner stops it. An ended run is a 409.
 * Each step is a conditional update, so a run the runner moves on meanwhile is looked at again.
 */
@Component
class RunCancellation {

  private static final String RUNS = "runs";
  private static final String QUEUED = "queued";
  private static final String RUNNING = "running";
  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  RunCancellation(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The run afterwards, and whether it is cancelled already (else cancellation is requested). */
  record Outcome(Document run, boolean cancelled) {}

  Mono<Outcome> cancel(String workspaceId, String runId) {
    return mongo
        .findOne(ofRun(workspaceId, runId), Document.class, RUNS)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Run " + runId)))
        .flatMap(run -> cancel(workspaceId, runId, run.getString("status")))
        .switchIfEmpty(Mono.defer(() -> cancel(workspaceId, runId)));
  }

  /** Empty when the run changed status meanwhile: then the caller looks again. */
  private Mono<Outcome> cancel(String workspaceId, String runId, String status) {
    return switch (status) {
      case QUEUED ->
          update(
                  workspaceId,
                  runId,
                  QUEUED,
                  new Update()
                      .set("status", "cancelled")
                      .set("finishedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS)))
              .map(run -> new Outcome(run, true));
      case RUNNING ->
          update(workspaceId, runId, RUNNING, new Update().set("cancelRequested", true))
              .map(run -> new Outcome(run, false));
      case null -> Mono.error(ProblemException.conflict("The run cannot be cancelled."));
      default ->
          Mono.error(
              ProblemException.conflict(
                  "The run is " + status + " already; it cannot be cancelled."));
    };
  }

  private Mono<Document> update(String workspaceId, String runId, String status, Update update) {
    Query inStatus = ofRun(workspaceId, runId).addCriteria(where("status").is(status));
    return mongo.findAndModify(inStatus, update, RETURN_NEW, Document.class, RUNS);
  }

  private static Query ofRun(String workspaceId, String runId) {
    return Query.query(where("_id").is(runId).and("workspaceId").is(workspaceId));
  }
}
