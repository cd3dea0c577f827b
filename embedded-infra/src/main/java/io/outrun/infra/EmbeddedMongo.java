package io.outrun.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server with its oplog on, so change streams work. With a data directory the documents
 * and the oplog are kept in an H2 file and survive a restart, a {@code kill -9} included: every
 * acknowledged write is kept with its index and oplog entries ({@link ConsistentCommits}), and
 * indexes an older version's crash may have left incomplete are rebuilt on start ({@link
 * UniqueIndexRebuild}). Without a data directory everything is in memory.
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

  /** How long an empty change-stream getMore waits for data (MongoDB's awaitData). */
  private static final Duration AWAIT_DATA = Duration.ofMillis(500);

  /**
   * Worker threads of the wire server. A getMore waiting for data holds its worker, so there are
   * enough that connections rarely share one; idle workers cost only their stacks.
   */
  private static final int WORKER_THREADS = 64;

  /** Oplog entries deleted in one write by {@link #trimOplog}. */
  private static final int TRIM_BATCH = 1_000;

  private final OplogH2Backend backend;
  private final StoreAccess store;
  private final MongoServer server;
  private final String connectionString;
  private final Clock clock;

  private EmbeddedMongo(
      OplogH2Backend backend, StoreAccess store, String host, int port, Clock clock) {
    this.clock = clock;
    this.backend = backend;
    this.store = store;
    this.server = new MongoServer(new MongoCompatibleBackend(backend, AWAIT_DATA, store));
    server.enableOplog();
    server.bind(new InetSocketAddress(host, port), 1, WORKER_THREADS);
    this.connectionString =
        "mongodb://" + host + ":" + server.getLocalAddress().getPort() + "/?directConnection=true";
  }

  /** Keeps documents and the oplog in {@code dataDir}, listening on {@code port} (0: any). */
  public static EmbeddedMongo persistent(Path dataDir, int port, Clock clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OplogH2Backend backend = OplogH2Backend.inFile(MongoDataFile.prepare(dataDir), clock);
    EmbeddedMongo mongo =
        new EmbeddedMongo(
            backend, ConsistentCommits.start(backend.getMvStore()), "127.0.0.1", port, clock);
    mongo.waitPastNewestOplogEntry(backend);
    log.info("MongoDB wire server listening on {}, data in {}", mongo.connectionString, dataDir);
    return mongo;
  }

  /** Everything in memory, on a free port. */
  public static EmbeddedMongo inMemory() {
    return new EmbeddedMongo(
        OplogH2Backend.inMemoryStore(Clock.systemUTC()),
        StoreAccess.IN_MEMORY,
        "127.0.0.1",
        0,
        Clock.systemUTC());
  }

  public String connectionString() {
    return connectionString;
  }

  public int port() {
    return server.getLocalAddress().getPort();
  }

  /**
   * Deletes oplog entries older than {@code keep}: the in-process oplog otherwise grows without
   * bound. A change stream resuming from a deleted entry no longer can, as with a real server.
   *
   * <p>The entries are found by walking the oplog from its oldest (its keys are timestamps), and
   * deleted {@value #TRIM_BATCH} at a time, each batch a write of its own: the work follows what is
   * deleted, and the commands of the services wait at most one batch. (A {@code delete} command
   * with a timestamp filter read and matched every entry of the oplog, and held every write's
   * answer until it ended: 0.13-1.7 s for 200,000 entries, the writes of about 45,000 runs, when it
   * deleted nothing; a day at 100 runs/s writes about 37 million.)
   *
   * @return how many entries were deleted
   */
  public long trimOplog(Duration keep) {
    if (!(backend.currentOplog() instanceof IndexedOplog oplog)) {
      return 0;
    }
    BsonTimestamp before = new BsonTimestamp(clock.instant().minus(keep), 0);
    long trimmed = 0;
    int batch;
    do {
      batch = store.write(() -> oplog.trimBefore(before, TRIM_BATCH));
      trimmed += batch;
    } while (batch == TRIM_BATCH);
    return trimmed;
  }

  @Override
  public void close() {
    server.shutdown();
  }

  /**
   * An oplog entry's timestamp has second precision plus a counter that restarts with the server.
   * Restarted within the second of the newest entry, the server would reuse its timestamps and a
   * change stream would never deliver the new entries: wait until the clock has moved past it. The
   * newest entry is the one {@link IndexedOplog} found on open (asking the server for it sorted the
   * whole oplog a second time, most of a start with a large oplog).
   */
  private void waitPastNewestOplogEntry(OplogH2Backend backend) {
    if (!(backend.currentOplog() instanceof IndexedOplog oplog) || oplog.newest() == null) {
      return;
    }
    Instant past = Instant.ofEpochSecond(oplog.newest().getTime() + 1L);
    long waitMs = Duration.between(clock.instant(), past).toMillis();
    if (waitMs > 0) {
      log.info("Waiting {} ms for the clock to pass the newest oplog entry", waitMs);
      sleep(waitMs);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the clock", e);
    }
  }
}
