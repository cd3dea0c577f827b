package io.outrun.runner.store;

import com.mongodb.client.model.UpdateOneModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One flush of the group commit: every run's writes as one statement ({@link RunStatement}), all of
 * them in one unordered bulk write on {@code runs}; then the runs it ended are added to their
 * workflows' stats, one statement per workflow ({@link StatsStatement}), in one bulk write on
 * {@code workflow_stats}. Each write is answered only after both: a caller never hears "stored" for
 * a change that is not.
 *
 * <p>A statement whose condition does not hold (a duplicate key error: the run is not queued, a
 * step is recorded, the run has ended) has its writes done one by one as before, each finding out
 * what is there ({@link RunStore}, {@link WorkflowStatsStore}). Any other error of a statement
 * fails the writes of its run alone. A bulk write that fails as a whole (MongoDB unreachable) fails
 * every write of the flush; one that fails for another reason is tried statement by statement, so
 * one unstorable run cannot fail the others.
 */
final class RunFlush {

  private final ReactiveMongoTemplate mongo;
  private final RunStore store;
  private final BulkStatements bulk;
  private final StatsFlush stats;

  RunFlush(ReactiveMongoTemplate mongo, RunStore store, WorkflowStatsStore stats) {
    this.mongo = mongo;
    this.store = store;
    this.bulk = new BulkStatements(mongo);
    this.stats = new StatsFlush(bulk, stats);
  }

  Mono<Void> flush(List<RunWrite> batch) {
    return Mono.defer(() -> flushRuns(batch))
        .onErrorResume(
            e -> {
              batch.forEach(write -> RunWrites.fail(write, e));
              return Mono.empty();
            });
  }

  private Mono<Void> flushRuns(List<RunWrite> batch) {
    // a start is a statement of its own: two deliveries starting one run race as two upserts
    Map<Object, List<RunWrite>> byRun = new LinkedHashMap<>();
    batch.forEach(
        write ->
            byRun
                .computeIfAbsent(
                    write instanceof RunWrite.Begin ? write : write.runId(),
                    key -> new ArrayList<>())
                .add(write));
    List<List<RunWrite>> runs = new ArrayList<>();
    List<UpdateOneModel<Document>> statements = new ArrayList<>();
    for (List<RunWrite> writes : byRun.values()) {
      try {
        statements.add(RunStatement.of(writes, mongo.getConverter()));
        runs.add(writes);
      } catch (RuntimeException unmappable) { // a value no codec takes: this run's writes fail
        writes.forEach(write -> RunWrites.fail(write, unmappable));
      }
    }
    return bulk.write(RunDocument.COLLECTION, statements)
        .flatMap(
            failures ->
                Flux.range(0, runs.size())
                    .flatMap(i -> settle(runs.get(i), failures.get(i)))
                    .collectList())
        .flatMap(stats::count);
  }

  /**
   * The run's writes once its statement is done: answered, except endings, which are returned to be
   * counted in the stats first; a statement whose condition failed is done write by write.
   */
  private Flux<StatsFlush.Ending> settle(List<RunWrite> writes, Throwable failure) {
    if (failure == null) {
      return Flux.fromIterable(writes).mapNotNull(RunFlush::done);
    }
    if (!BulkStatements.conditionFailed(failure)) {
      writes.forEach(write -> RunWrites.fail(write, failure));
      return Flux.empty();
    }
    return Flux.fromIterable(writes)
        .concatMap(this::oneByOne)
        .thenMany(Flux.<StatsFlush.Ending>empty());
  }

  private static StatsFlush.Ending done(RunWrite write) {
    switch (write) {
      case RunWrite.Begin begin -> begin.done().tryEmitValue(true);
      case RunWrite.Step step -> step.done().tryEmitEmpty();
      case RunWrite.End end -> {
        return new StatsFlush.Ending(end, end.ended());
      }
    }
    return null;
  }

  private Mono<Void> oneByOne(RunWrite write) {
    Mono<Void> done =
        switch (write) {
          case RunWrite.Begin begin -> Mono.fromRunnable(() -> begin.done().tryEmitValue(false));
          case RunWrite.Step step ->
              store
                  .appendStep(step.runId(), step.step())
                  .then(Mono.fromRunnable(() -> step.done().tryEmitEmpty()));
          case RunWrite.End end ->
              Flux.fromIterable(end.unrecorded())
                  .concatMap(step -> store.appendStep(end.runId(), step))
                  .then(
                      Mono.defer(
                          () ->
                              store.finish(
                                  end.runId(),
                                  end.run().startedAt(),
                                  end.status(),
                                  end.finishedAt(),
                                  end.error())))
                  .doOnNext(ended -> end.done().tryEmitValue(ended))
                  .then();
        };
    return done.onErrorResume(
        e -> {
          RunWrites.fail(write, e);
          return Mono.empty();
        });
  }
}
