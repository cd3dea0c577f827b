package io.outrun.infra;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Not a test: the in-process MongoDB's CPU per run under the commands the runner sends for one
 * two-step run (an upsert creating it, the queued-record upsert that finds it, a conditional start,
 * two step appends, a conditional finish, the workflow stats upsert), from {@code --writers}
 * threads at once, with the streams the stack keeps open (one on {@code runs} that matches nothing,
 * as the runner's cancel stream; two idle ones with update lookup). Prints runs/s and the server's
 * CPU milliseconds per run (its worker and commit threads; GC and the client's threads apart), the
 * steadier figure on a shared machine.
 *
 * <p>Queries are written as Spring Data writes them ({@code {_id: x, status: y}}, not {@code
 * $and}).
 *
 * <p>{@code RunWriteLoad [seconds=20] [writers=32] [warmup=5] [dataDir]}
 */
public final class RunWriteLoad {

  private static final String PAYLOAD = "x".repeat(400);

  private final MongoCollection<Document> runs;
  private final MongoCollection<Document> stats;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);

  private RunWriteLoad(MongoClient client) {
    this.runs = client.getDatabase("outrun").getCollection("runs");
    this.stats = client.getDatabase("outrun").getCollection("workflow_stats");
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path data = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("run-write-load");
    RunWriteLoad load;
    try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data, 0, Clock.systemUTC());
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      load = new RunWriteLoad(client);
      load.runs.createIndex(Indexes.ascending("requestEventId"), new IndexOptions().unique(true));
      List<MongoChangeStreamCursor<?>> streams = load.openStreams(client);
      ExecutorService pool = Executors.newFixedThreadPool(writers + streams.size());
      streams.forEach(stream -> pool.execute(() -> drain(stream, load.running)));
      for (int w = 0; w < writers; w++) {
        pool.execute(load::writeRuns);
      }
      TimeUnit.SECONDS.sleep(warmup);
      Sample start = Sample.now(load.completed.get());
      TimeUnit.SECONDS.sleep(seconds);
      Sample end = Sample.now(load.completed.get());
      load.running.set(false);
      pool.shutdown();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      streams.forEach(MongoChangeStreamCursor::close);
      print(start, end, writers);
    }
    long runs = load.completedRuns();
    try (var files = Files.list(data)) {
      long bytes = files.mapToLong(RunWriteLoad::size).sum();
      System.out.printf(
          "data file: %.1f MB after %d runs (%.1f KB per run)%n",
          bytes / 1e6, runs, bytes / 1e3 / Math.max(1, runs));
    }
    System.exit(0);
  }

  private long completedRuns() {
    return completed.get();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private List<MongoChangeStreamCursor<?>> openStreams(MongoClient client) {
    List<MongoChangeStreamCursor<?>> streams = new ArrayList<>();
    streams.add(
        runs.watch(List.of(Aggregates.match(Filters.eq("updateDescription.updatedFields.x", true))))
            .cursor());
    for (String idle : List.of("triggers", "workflows")) {
      streams.add(
          client
              .getDatabase("outrun")
              .getCollection(idle)
              .watch()
              .fullDocument(FullDocument.UPDATE_LOOKUP)
              .cursor());
    }
    return streams;
  }

  private static void drain(MongoChangeStreamCursor<?> stream, AtomicBoolean running) {
    try {
      while (running.get()) {
        ChangeStreamDocument<?> ignored = (ChangeStreamDocument<?>) stream.tryNext();
      }
    } catch (RuntimeException closed) {
      // closed at the end
    }
  }

  private void writeRuns() {
    while (running.get()) {
      oneRun(UUID.randomUUID().toString());
      completed.incrementAndGet();
    }
  }

  /** The commands of one two-step run, as the runner sends them. */
  private void oneRun(String id) {
    Document queued = queued(id);
    FindOneAndUpdateOptions returnNew =
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
    runs.findOneAndUpdate(Filters.eq("_id", id), setOnInsert(queued), returnNew);
    runs.updateOne(Filters.eq("_id", id), setOnInsert(queued), new UpdateOptions().upsert(true));
    runs.findOneAndUpdate(
        new Document("_id", id).append("status", "queued"),
        Updates.combine(
            Updates.set("status", "running"),
            Updates.set("startedAt", new Date()),
            Updates.set(
                "lease", new Document("owner", "runner-1").append("expiresAt", new Date()))),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    for (String node : List.of("greet", "shout")) {
      runs.updateOne(
          new Document("_id", id).append("steps.nodeId", new Document("$ne", node)),
          Updates.combine(
              Updates.push("steps", step(node)),
              Updates.inc("usage.aiTokensUsed", 0L),
              Updates.inc("usage.httpRequests", 0L)));
    }
    runs.findOneAndUpdate(
        new Document("_id", id)
            .append("status", new Document("$nin", List.of("completed", "failed", "cancelled"))),
        Updates.combine(
            Updates.set("status", "completed"),
            Updates.set("finishedAt", new Date()),
            Updates.set("durationMs", 3L),
            Updates.unset("lease")),
        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    stats.updateOne(
        new Document("_id", "wf-1").append("recentRunIds", new Document("$ne", id)),
        Updates.combine(
            Updates.inc("totalRuns", 1L),
            Updates.inc("completedRuns", 1L),
            Updates.max("lastRunAt", new Date()),
            Updates.pushEach("recentRunIds", List.of(id), new PushOptions().slice(-100))),
        new UpdateOptions().upsert(true));
  }

  private static Document queued(String id) {
    return new Document("requestEventId", "ev-" + id)
        .append("workspaceId", "ws-1")
        .append("workflowId", "wf-1")
        .append("workflowVersion", 1)
        .append("test", false)
        .append("status", "queued")
        .append(
            "triggeredBy",
            new Document("type", "manual").append("payload", new Document("note", PAYLOAD)))
        .append("steps", List.of())
        .append("usage", new Document("aiTokensUsed", 0L).append("httpRequests", 0L))
        .append("queuedAt", Date.from(Instant.now()));
  }

  private static Bson setOnInsert(Document fields) {
    List<Bson> updates = new ArrayList<>();
    fields.forEach((field, value) -> updates.add(Updates.setOnInsert(field, value)));
    return Updates.combine(updates);
  }

  private static Document step(String node) {
    return new Document("nodeId", node)
        .append("nodeType", "log")
        .append("status", "completed")
        .append("attempts", 1)
        .append("startedAt", new Date())
        .append("durationMs", 1L)
        .append("input", new Document("message", "Hello"))
        .append("output", new Document("message", "Hello Ada"));
  }

  /** Completed runs and CPU nanoseconds per thread group at one moment. */
  private record Sample(long nanos, long runs, Map<String, Long> cpu, long gcMillis) {
    static Sample now(long runs) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<String, Long> cpu = new HashMap<>();
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        if (info != null) {
          long used = threads.getThreadCpuTime(info.getThreadId());
          cpu.merge(group(info.getThreadName()), Math.max(0, used), Long::sum);
        }
      }
      long gc =
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .mapToLong(bean -> Math.max(0, bean.getCollectionTime()))
              .sum();
      return new Sample(System.nanoTime(), runs, cpu, gc);
    }

    private static String group(String thread) {
      if (thread.startsWith("mongo-commit")) {
        return "commit";
      }
      return thread.startsWith("mongo-server") ? "server" : "client";
    }
  }

  private static void print(Sample start, Sample end, int writers) {
    double seconds = (end.nanos() - start.nanos()) / 1e9;
    long runs = end.runs() - start.runs();
    double commitMs = (end.cpu().get("commit") - start.cpu().getOrDefault("commit", 0L)) / 1e6;
    double serverMs =
        (end.cpu().get("server") - start.cpu().getOrDefault("server", 0L)) / 1e6 + commitMs;
    double clientMs = (end.cpu().get("client") - start.cpu().getOrDefault("client", 0L)) / 1e6;
    System.out.printf(
        "%d writers: %.1f runs/s over %.0f s; server CPU %.2f ms/run (commit thread %.2f,"
            + " %.0f%% of a core), client %.2f ms/run, GC %d ms in total%n",
        writers,
        runs / seconds,
        seconds,
        serverMs / runs,
        commitMs / runs,
        serverMs / 10 / seconds,
        clientMs / runs,
        end.gcMillis() - start.gcMillis());
  }
}
