package io.outrun.runner.engine;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.outrun.runner.store.RunDocument;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.BsonValue;
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
 * runner executing the run stops it; the others ignore the signal. A runner watches a run from
 * before it starts it, so a flag set after the start is seen through the stream, and one set before
 * it is in the started run's document.
 */
@Component
class CancelRequests implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(CancelRequests.class);
  private static final String RUNS = "runs";
  private static final String FLAG = "cancelRequested";

  private final ReactiveMongoTemplate mongo;
  private final Map<String, Sinks.Empty<Void>> watched = new ConcurrentHashMap<>();
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

  /**
   * Watches {@code runId} while {@code execution} runs, which gets a signal that completes once
   * cancelling the run is requested through the change stream.
   */
  <T> Mono<T> watching(String runId, Function<Mono<Void>, Mono<T>> execution) {
    return Mono.usingWhen(
        Mono.fromSupplier(
            () -> {
              Sinks.Empty<Void> signal = Sinks.empty();
              watched.put(runId, signal);
              return signal;
            }),
        signal -> execution.apply(signal.asMono()),
        signal -> Mono.fromRunnable(() -> watched.remove(runId, signal)));
  }

  /** Completes when cancelling {@code run} is requested: at once if its document says so. */
  static Mono<Void> requested(RunDocument run, Mono<Void> signal) {
    return Boolean.TRUE.equals(run.cancelRequested()) ? Mono.empty() : signal;
  }

  private Flux<String> follow() {
    // the update that sets the flag, without looking up the run: the stream costs nothing per run
    ChangeStreamOptions options =
        ChangeStreamOptions.builder()
            .filter(
                Aggregation.newAggregation(
                    Aggregation.match(
                        Criteria.where("updateDescription.updatedFields." + FLAG).is(true))))
            .build();
    return mongo
        .changeStream(RUNS, options, Document.class)
        .mapNotNull(event -> runId(event.getRaw()))
        .doOnNext(
            runId -> {
              Sinks.Empty<Void> signal = watched.get(runId);
              if (signal != null) {
                signal.tryEmitEmpty();
              }
            })
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(
                    signal ->
                        log.warn("Cancel-request stream failed; reopening", signal.failure())));
  }

  private static String runId(ChangeStreamDocument<Document> change) {
    if (change == null || change.getDocumentKey() == null) {
      return null;
    }
    BsonValue id = change.getDocumentKey().get("_id");
    return id != null && id.isString() ? id.asString().getValue() : null;
  }
}
