package io.outrun.bench;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.outrun.bench.RunLedger.Phase;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;

/**
 * Sees runs end by reading their documents in MongoDB's {@code outrun.runs}, every few milliseconds
 * on its own thread: {@code find({_id: {$in: [...]}})} by primary key, never a scan. It asks about
 * the oldest pending runs of each workflow (runs of one workflow end roughly in request order) and
 * about more of them the more ended last time, so its cost follows the completion rate, not the
 * backlog. Not a change stream: in mongo-java-server every change-stream getMore reads the whole
 * oplog, so one more stream would load the stack under test far more than these lookups.
 */
final class CompletionWatcher implements AutoCloseable {

  private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");
  private static final int MIN_BATCH = 16;
  private static final int MAX_BATCH = 512;

  private record Pending(String runId, String workflowId, long sentNanos, Phase phase) {}

  private final MongoClient client;
  private final MongoCollection<Document> runs;
  private final RunLedger ledger;
  private final long everyNanos;
  private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
  private final Map<String, LinkedHashMap<String, Pending>> pendingByWorkflow = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int batch = MIN_BATCH;

  CompletionWatcher(MongoClient client, RunLedger ledger, long everyMillis) {
    this.client = client;
    this.runs = client.getDatabase("outrun").getCollection("runs");
    this.ledger = ledger;
    this.everyNanos = TimeUnit.MILLISECONDS.toNanos(everyMillis);
    this.thread = Thread.ofPlatform().daemon().name("bench-watcher").start(this::loop);
  }

  /** Called once trigger-api accepted the run. */
  void watch(String runId, String workflowId, long sentNanos, Phase phase) {
    incoming.add(new Pending(runId, workflowId, sentNanos, phase));
  }

  private void loop() {
    while (running) {
      long started = System.nanoTime();
      try {
        pollOnce();
      } catch (RuntimeException e) {
        System.err.println("bench: reading runs from MongoDB failed: " + e);
      }
      LockSupport.parkNanos(everyNanos - (System.nanoTime() - started));
    }
  }

  private void pollOnce() {
    for (Pending run; (run = incoming.poll()) != null; ) {
      pendingByWorkflow
          .computeIfAbsent(run.workflowId(), id -> new LinkedHashMap<>())
          .put(run.runId(), run);
    }
    List<String> ids = oldestPending();
    if (ids.isEmpty()) {
      return;
    }
    int ended = 0;
    for (Document run : runs.find(in("_id", ids)).projection(include(fields()))) {
      long seenNanos = System.nanoTime();
      if (ENDED.contains(run.getString("status"))) {
        ended += record(run, seenNanos) ? 1 : 0;
      }
    }
    batch = Math.clamp(2L * ended + MIN_BATCH, MIN_BATCH, MAX_BATCH);
  }

  private List<String> oldestPending() {
    List<String> ids = new ArrayList<>();
    for (LinkedHashMap<String, Pending> pending : pendingByWorkflow.values()) {
      Iterator<String> oldest = pending.keySet().iterator();
      for (int i = 0; i < batch && oldest.hasNext(); i++) {
        ids.add(oldest.next());
      }
    }
    return ids;
  }

  private boolean record(Document run, long seenNanos) {
    String runId = run.getString("_id");
    LinkedHashMap<String, Pending> ofWorkflow = pendingByWorkflow.get(run.getString("workflowId"));
    Pending pending = ofWorkflow == null ? null : ofWorkflow.remove(runId);
    if (pending == null) {
      return false;
    }
    Date finished = run.getDate("finishedAt");
    ledger.ended(
        new RunLedger.Ended(
            pending.phase(),
            "completed".equals(run.getString("status")),
            seenNanos - pending.sentNanos(),
            millisBetween(run.getDate("queuedAt"), finished),
            millisBetween(run.getDate("startedAt"), finished)));
    return true;
  }

  private static List<String> fields() {
    return List.of("workflowId", "status", "queuedAt", "startedAt", "finishedAt");
  }

  private static long millisBetween(Date from, Date to) {
    return from == null || to == null ? -1 : to.getTime() - from.getTime();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    client.close();
  }
}
