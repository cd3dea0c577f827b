package io.outrun.runner.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.result.UpdateResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code workflow_stats} collection: one document per workflow (shape in docs/ARCHITECTURE.md),
 * kept up to date as its runs end, so reading a workflow's stats never scans its runs.
 *
 * <p>Each ended non-test run is added with one atomic update ({@code $inc}, {@code $max}) that is
 * conditional on the run's id not being among the document's {@code recentRunIds}, and that pushes
 * the id there (keeping the last {@link #RECENT_RUNS}). So recording the same run again (a
 * redelivered request, a resumed run, a runner that died between ending the run and recording it)
 * counts it once; concurrent runs of one workflow are all counted. The bound: a run recorded again
 * after {@link #RECENT_RUNS} newer runs of its workflow were recorded would count twice.
 */
@Component
public class WorkflowStatsStore {

  public static final String COLLECTION = "workflow_stats";

  /** How many run ids a stats document remembers to recognize a run recorded again. */
  static final int RECENT_RUNS = 1000;

  static final String RECENT_RUN_IDS = "recentRunIds";

  private final ReactiveMongoTemplate mongo;

  WorkflowStatsStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Adds an ended run to its workflow's stats, unless it is a test run or already counted. Emits
   * whether this call counted it.
   */
  public Mono<Boolean> record(RunDocument ended) {
    if (ended.test() || !ended.terminal()) {
      return Mono.just(false);
    }
    Query notCounted =
        query(where("_id").is(ended.workflowId()).and(RECENT_RUN_IDS).ne(ended.id()));
    Update update = WorkflowStatsUpdate.of(ended);
    // No document yet: the upsert inserts it. The document exists but holds the run: the upsert
    // tries to insert a second document with that _id and fails with a duplicate key. That also
    // happens when a concurrent first run inserted it meanwhile, so look once more without upsert.
    return Mono.defer(() -> mongo.upsert(notCounted, update, COLLECTION))
        .onErrorResume(
            DuplicateKeyException.class,
            counted -> mongo.updateFirst(notCounted, update, COLLECTION))
        .map(WorkflowStatsStore::changed);
  }

  private static boolean changed(UpdateResult result) {
    return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
  }
}
