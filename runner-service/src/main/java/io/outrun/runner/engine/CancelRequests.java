package io.outrun.runner.engine;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.changestream.FullDocument;
import io.outrun.runner.store.RunDocument;
import java.time.Duration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.mongodb.core.ChangeStreamOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Cancel requests reach the runner executing a run: trigger-api marks the run {@code
 * cancelRequested}, and every runner follows that through one change stream on {@code runs}. The
 * runner executing the run stops it; the others ignore the signal. A request made before the run
 * started executing is seen by {@link #requested(String)} checking the flag first.
 */
@Component
class CancelRequests implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CancelRequests.class);
  private static final String RUNS = "runs";
  private static final String FLAG = "cancelRequested";

  private final ReactiveMongoTemplate mongo;
  private final Sinks.Many<String> requests = Sinks.many().multicast().directBestEffort();
  private volatile Disposable stream;

  CancelRequests(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (stream == null) {
      stream = follow().subscribe();
    }
  }

  @Override
  public void destroy() {
    if (stream != null) {
      stream.dispose();
    }
  }

  /** Emits once when cancellation of {@code runId} is requested; never completes otherwise. */
  Mono<String> requested(String runId) {
    Mono<String> flagged =
        mongo
            .exists(query(where("_id").is(runId).and(FLAG).is(true)), RUNS)
            .filter(Boolean::booleanValue)
            .map(yes -> runId);
    Mono<String> later = requests.asFlux().filter(runId::equals).next();
    return Flux.merge(later, flagged).next();
  }

  private Flux<String> follow() {
    ChangeStreamOptions options =
        ChangeStreamOptions.builder()
            .fullDocumentLookup(FullDocument.UPDATE_LOOKUP)
            .filter(
                Aggregation.newAggregation(
                    Aggregation.match(
                        Criteria.where("fullDocument." + FLAG)
                            .is(true)
                            .and("fullDocument.status")
                            .is(RunDocument.RUNNING))))
            .build();
    return mongo
        .changeStream(RUNS, options, Document.class)
        .map(event -> String.valueOf(event.getBody().get("_id")))
        .doOnNext(runId -> requests.tryEmitNext(runId))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(
                    signal ->
                        log.warn("Cancel-request stream failed; reopening", signal.failure())));
  }
}
