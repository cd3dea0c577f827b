package io.outrun.bench;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.outrun.bench.RunLedger.Phase;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Sees runs end as MongoDB records it: a change stream on {@code outrun.runs} that passes only the
 * writes that end a run (an update setting {@code status} to an ended one, or a run inserted
 * ended), on its own thread. A run's latency ends when its ending event arrives; its timestamps
 * ({@code queuedAt}, {@code startedAt}, {@code finishedAt}) are then read in one {@code find} by
 * {@code _id} for all the runs whose events the stream had at hand. So the stack reads each run
 * once for the benchmark, and the latency is not rounded up to a polling interval. The stream is
 * opened before the first request, so no run's ending is missed; an ending seen before
 * trigger-api's 202 for that run reached the benchmark is kept until it does.
 */
final class CompletionWatcher implements AutoCloseable {

  private static final List<String> ENDED = List.of("completed", "failed", "cancelled");
  private static final long AWAIT_MILLIS = 200;
  private static final long KEEP_UNCLAIMED_NANOS = TimeUnit.MINUTES.toNanos(2);

  private record Pending(String runId, long sentNanos, Phase phase) {}

  private record Ending(String runId, boolean completed, long seenNanos) {}

  private record Claimed(Pending run, Ending ending) {}

  private final MongoClient client;
  private final MongoCollection<Document> runs;
  private final RunLedger ledger;
  private final MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream;
  private final ConcurrentLinkedQueue<Pending> incoming = new ConcurrentLinkedQueue<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Ending> unclaimed = new HashMap<>();
  private final List<Claimed> claimed = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  CompletionWatcher(MongoClient client, RunLedger ledger) {
    this.client = client;
    this.runs = client.getDatabase("outrun").getCollection("runs");
    this.ledger = ledger;
    this.stream =
        runs.watch(List.of(Aggregates.match(endings())))
            .maxAwaitTime(AWAIT_MILLIS, TimeUnit.MILLISECONDS)
            .cursor();
    this.thread = Thread.ofPlatform().daemon().name("bench-watcher").start(this::loop);
  }

  /** The change events of writes that end a run. */
  private static Bson endings() {
    return Filters.or(
        Filters.and(
            Filters.eq("operationType", "update"),
            Filters.in("updateDescription.updatedFields.status", ENDED)),
        Filters.and(
            Filters.in("operationType", List.of("insert", "replace")),
            Filters.in("fullDocument.status", ENDED)));
  }

  /** Called once trigger-api accepted the run. */
  void watch(String runId, long sentNanos, Phase phase) {
    incoming.add(new Pending(runId, sentNanos, phase));
  }

  private void loop() {
    while (running) {
      try {
        ChangeStreamDocument<Document> event = stream.tryNext();
        if (event != null) {
          ended(event, System.nanoTime());
        }
        if (stream.available() == 0) {
          claim();
          record();
        }
      } catch (RuntimeException e) {
        if (running) {
          System.err.println("bench: watching runs in MongoDB failed: " + e);
          return;
        }
      }
    }
  }

  private void ended(ChangeStreamDocument<Document> event, long seenNanos) {
    BsonDocument key = event.getDocumentKey();
    BsonValue id = key == null ? null : key.get("_id");
    if (id == null || !id.isString()) {
      return;
    }
    String status = status(event);
    Ending ending = new Ending(id.asString().getValue(), "completed".equals(status), seenNanos);
    unclaimed.put(ending.runId(), ending);
  }

  private static String status(ChangeStreamDocument<Document> event) {
    if (event.getUpdateDescription() != null
        && event.getUpdateDescription().getUpdatedFields() != null) {
      BsonValue status = event.getUpdateDescription().getUpdatedFields().get("status");
      return status != null && status.isString() ? status.asString().getValue() : null;
    }
    return event.getFullDocument() == null ? null : event.getFullDocument().getString("status");
  }

  /** Pairs the runs trigger-api accepted with the endings seen, whichever came first. */
  private void claim() {
    for (Pending run; (run = incoming.poll()) != null; ) {
      pending.put(run.runId(), run);
    }
    long now = System.nanoTime();
    for (Iterator<Ending> it = unclaimed.values().iterator(); it.hasNext(); ) {
      Ending ending = it.next();
      Pending run = pending.remove(ending.runId());
      if (run != null) {
        claimed.add(new Claimed(run, ending));
        it.remove();
      } else if (now - ending.seenNanos() > KEEP_UNCLAIMED_NANOS) {
        it.remove(); // a run this benchmark did not request (or whose 202 it never got)
      }
    }
  }

  /** Reads the timestamps of the runs seen ended, in one command, and counts them. */
  private void record() {
    if (claimed.isEmpty()) {
      return;
    }
    Map<String, Document> stored = new HashMap<>();
    List<String> ids = claimed.stream().map(c -> c.run().runId()).toList();
    for (Document run : runs.find(in("_id", ids)).projection(include(fields()))) {
      stored.put(run.getString("_id"), run);
    }
    for (Claimed c : claimed) {
      Pending run = c.run();
      Ending ending = c.ending();
      Document document = stored.get(run.runId());
      Date finished = document == null ? null : document.getDate("finishedAt");
      ledger.ended(
          new RunLedger.Ended(
              run.phase(),
              ending.completed(),
              ending.seenNanos() - run.sentNanos(),
              document == null ? -1 : millisBetween(document.getDate("queuedAt"), finished),
              document == null ? -1 : millisBetween(document.getDate("startedAt"), finished)));
    }
    claimed.clear();
  }

  private static List<String> fields() {
    return List.of("queuedAt", "startedAt", "finishedAt");
  }

  private static long millisBetween(Date from, Date to) {
    return from == null || to == null ? -1 : to.getTime() - from.getTime();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    stream.close();
    client.close();
  }
}
