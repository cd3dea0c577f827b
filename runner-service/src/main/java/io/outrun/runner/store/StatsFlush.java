package io.outrun.runner.store;

import com.mongodb.client.model.UpdateOneModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The second half of a flush: the runs it ended are added to their workflows' stats, one statement
 * per workflow ({@link StatsStatement}) in one bulk write, and only then are their endings
 * answered. A workflow whose statement's condition fails (one of the runs is counted already, or a
 * concurrent first run inserted the document) has its runs counted one by one ({@link
 * WorkflowStatsStore#record}); any other failure fails those endings.
 */
final class StatsFlush {

  private final BulkStatements bulk;
  private final WorkflowStatsStore stats;

  StatsFlush(BulkStatements bulk, WorkflowStatsStore stats) {
    this.bulk = bulk;
    this.stats = stats;
  }

  /** An ending stored by the bulk, waiting to be counted. */
  record Ending(RunWrite.End write, RunDocument ended) {}

  /** Adds the runs this flush ended to their workflows' stats, then answers their endings. */
  Mono<Void> count(List<Ending> endings) {
    Map<String, List<Ending>> byWorkflow = new LinkedHashMap<>();
    List<Ending> uncounted = new ArrayList<>();
    for (Ending ending : endings) {
      if (ending.ended().test()) {
        uncounted.add(ending);
      } else {
        byWorkflow
            .computeIfAbsent(ending.ended().workflowId(), id -> new ArrayList<>())
            .add(ending);
      }
    }
    uncounted.forEach(StatsFlush::answer);
    List<List<Ending>> workflows = List.copyOf(byWorkflow.values());
    List<UpdateOneModel<Document>> statements =
        workflows.stream()
            .map(of -> StatsStatement.of(of.stream().map(Ending::ended).toList()))
            .toList();
    return bulk.write(WorkflowStatsStore.COLLECTION, statements)
        .flatMapMany(
            failures ->
                Flux.range(0, workflows.size())
                    .flatMap(i -> counted(workflows.get(i), failures.get(i))))
        .then()
        .onErrorResume(
            e -> {
              workflows.forEach(of -> of.forEach(ending -> RunWrites.fail(ending.write(), e)));
              return Mono.empty();
            });
  }

  private Mono<Void> counted(List<Ending> endings, Throwable failure) {
    if (failure == null) {
      endings.forEach(StatsFlush::answer);
      return Mono.empty();
    }
    if (!BulkStatements.conditionFailed(failure)) {
      endings.forEach(ending -> RunWrites.fail(ending.write(), failure));
      return Mono.empty();
    }
    return Flux.fromIterable(endings)
        .concatMap(
            ending ->
                stats
                    .record(ending.ended())
                    .doOnNext(counted -> answer(ending))
                    .onErrorResume(
                        e -> {
                          RunWrites.fail(ending.write(), e);
                          return Mono.empty();
                        }))
        .then();
  }

  private static void answer(Ending ending) {
    ending.write().done().tryEmitValue(new RunStore.Ended(ending.ended(), true, true));
  }
}
