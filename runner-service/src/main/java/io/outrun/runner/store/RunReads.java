package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.outrun.events.RunRequested;
import io.outrun.service.GroupCommit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Reads runs as stored, many in one command: the reads asked for within {@code LINGER} of each
 * other (at most {@code MAX_BATCH}) go to MongoDB as one {@code find} of their ids, by group commit
 * as {@link RunWrites} writes. What a run that waited without its payload needs once admitted: its
 * document, payload included, so that the group commit's one upsert starts it ({@link
 * RunWrites#begin}) instead of a command of its own.
 */
@Component
public class RunReads {

  private static final int MAX_BATCH = 500;
  private static final Duration LINGER = Duration.ofMillis(5);
  private static final String REQUEST_EVENT_ID = "requestEventId";

  private final ReactiveMongoTemplate mongo;
  private final GroupCommit<Read> commit;

  RunReads(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
    this.commit = new GroupCommit<>(MAX_BATCH, LINGER, Schedulers.parallel(), this::flush);
  }

  /**
   * The run of {@code request} as stored; empty when there is none, or when its id holds another
   * request's document (read as a plain document first: that need not have a run's shape).
   */
  public Mono<RunDocument> find(RunRequested request) {
    return Mono.defer(
            () -> {
              Sinks.One<Document> found = Sinks.one();
              commit.add(new Read(request.runId(), found));
              return found.asMono();
            })
        .filter(stored -> request.eventId().equals(stored.getString(REQUEST_EVENT_ID)))
        .map(stored -> StoredRuns.fromStored(mongo.getConverter().read(RunDocument.class, stored)));
  }

  private Mono<Void> flush(List<Read> batch) {
    List<String> ids = batch.stream().map(Read::runId).distinct().toList();
    return mongo
        .find(
            query(where("_id").in(ids)).cursorBatchSize(ids.size()),
            Document.class,
            RunDocument.COLLECTION)
        .collectMap(stored -> stored.get("_id"))
        .doOnNext(byId -> batch.forEach(read -> read.answer(byId)))
        .doOnError(e -> batch.forEach(read -> read.found().tryEmitError(e)))
        .onErrorResume(e -> Mono.empty())
        .then();
  }

  private record Read(String runId, Sinks.One<Document> found) {

    void answer(Map<Object, Document> byId) {
      Document stored = byId.get(runId);
      if (stored == null) {
        found.tryEmitEmpty();
      } else {
        found.tryEmitValue(stored);
      }
    }
  }
}
