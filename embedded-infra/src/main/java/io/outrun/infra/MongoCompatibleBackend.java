package io.outrun.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Closes the gaps between mongo-java-server and MongoDB that Outrun's services would otherwise have
 * to work around in production code.
 *
 * <p>{@code hello} (MongoDB 4.4.2+; what Spring Boot's health check and newer drivers send) is
 * answered as {@code isMaster}, which mongo-java-server knows.
 *
 * <p>A {@code findAndModify} writes its oplog entry ({@link FindAndModifyChanges}), so change
 * streams see documents changed that way, as on MongoDB.
 *
 * <p>An empty {@code getMore} on a tailable cursor (a change stream) waits for data, as MongoDB's
 * awaitData does, instead of answering at once: without it the driver asks again immediately and
 * every open change stream spins a quarter of a core. The wait sleeps until a write command on the
 * stream's collection completes (every write passes through here) and then asks again, so a change
 * is delivered as soon as it is written, an idle stream costs nothing, and writes to other
 * collections do not wake it. It gives up after {@code maxAwait} (or the command's {@code
 * maxTimeMS}, if shorter). It holds the server's worker thread: {@link EmbeddedMongo} gives the
 * server enough workers that a waiting connection does not hold up others.
 *
 * <p>A command that may change data goes through {@link StoreAccess#write}: with a data file it
 * runs between commits and is answered once it is committed ({@link ConsistentCommits}), and only
 * then are waiting streams woken; any other goes through {@link StoreAccess#read}.
 *
 * <p>{@code serverStatus} reports the commands answered by name ({@link CommandCounts}), as
 * MongoDB's does, so a benchmark counts the commands a run costs the same way on both.
 */
final class MongoCompatibleBackend implements MongoBackend {

  private static final Set<String> WRITES =
      Set.of("insert", "update", "delete", "findandmodify", "drop", "dropdatabase");

  private final OplogH2Backend delegate;
  private final Duration maxAwait;
  private final StoreAccess store;
  private final Object writeMonitor = new Object();
  private long writes; // guarded by writeMonitor: every write
  private final Map<String, Long> writesTo = new HashMap<>(); // guarded by writeMonitor
  private final CommandCounts counts = new CommandCounts();

  /** A drop may end any stream; it counts as a write to every collection. */
  private static final Set<String> DROPS = Set.of("drop", "dropdatabase");

  MongoCompatibleBackend(OplogH2Backend delegate, Duration maxAwait, StoreAccess store) {
    this.delegate = delegate;
    this.maxAwait = maxAwait;
    this.store = store;
  }

  @Override
  public Document handleMessage(MongoMessage message) {
    Document response = null;
    try {
      response = answer(message);
      return response;
    } finally {
      counts.count(message.getDocument(), response);
    }
  }

  private Document answer(MongoMessage message) {
    String command = commandName(message.getDocument());
    if ("hello".equalsIgnoreCase(command)) {
      return hello(message);
    }
    if ("serverStatus".equalsIgnoreCase(command)) {
      return getServerStatus();
    }
    String lower = command.toLowerCase(Locale.ROOT);
    String watched = "getMore".equals(command) ? watchedNamespace(message) : null;
    long writesBefore = writes(watched);
    Document response =
        DataCommands.mayChangeData(command, message.getDocument())
            ? store.write(() -> handleWrite(command, message))
            : store.read(() -> delegate.handleMessage(message));
    if (WRITES.contains(lower)) { // after the oplog has the change, so a woken stream sees it
      recordWrite(DROPS.contains(lower) ? null : namespace(message));
    }
    if (!"getMore".equals(command)) {
      return response;
    }
    long deadline = System.nanoTime() + awaitFor(message.getDocument()).toNanos();
    while (isEmptyOpenBatch(response) && awaitWriteAfter(watched, writesBefore, deadline)) {
      writesBefore = writes(watched);
      response = store.read(() -> delegate.handleMessage(message));
    }
    return response;
  }

  /** A command that may change data, with its oplog entry if the server writes none. */
  private Document handleWrite(String command, MongoMessage message) {
    Document response = delegate.handleMessage(message);
    if ("findAndModify".equalsIgnoreCase(command) && delegate.currentOplog() != null) {
      FindAndModifyChanges.record(
          delegate.currentOplog(),
          message.getDatabaseName(),
          message.getDocument(),
          response,
          (collection, filter) -> findOne(message, collection, filter));
    }
    return response;
  }

  /** {@code db.collection} a write command names, or null. */
  private static String namespace(MongoMessage message) {
    Document command = message.getDocument();
    Object collection = command.isEmpty() ? null : command.values().iterator().next();
    return collection instanceof String name ? message.getDatabaseName() + "." + name : null;
  }

  /** The collection a getMore's change stream watches; null (any write) if it is not one. */
  private static String watchedNamespace(MongoMessage message) {
    Object collection = message.getDocument().get("collection");
    return collection instanceof String name && !name.startsWith("$")
        ? message.getDatabaseName() + "." + name
        : null;
  }

  private Document findOne(MongoMessage message, String collection, Document filter) {
    Document find =
        new Document("find", collection)
            .append("filter", filter)
            .append("limit", 1)
            .append("$db", message.getDatabaseName());
    Document response =
        delegate.handleMessage(new MongoMessage(message.getChannel(), message.getHeader(), find));
    Document cursor = (Document) response.get("cursor");
    return ((List<?>) cursor.get("firstBatch"))
        .stream().map(Document.class::cast).findFirst().orElse(null);
  }

  private static String commandName(Document command) {
    return command.isEmpty() ? "" : command.keySet().iterator().next();
  }

  private Document hello(MongoMessage message) {
    Document isMaster = new Document("isMaster", 1);
    message
        .getDocument()
        .forEach(
            (key, value) -> {
              if (!"hello".equalsIgnoreCase(key)) {
                isMaster.put(key, value);
              }
            });
    Document response =
        delegate.handleMessage(
            new MongoMessage(message.getChannel(), message.getHeader(), isMaster));
    response.put("isWritablePrimary", response.getOrDefault("ismaster", Boolean.TRUE));
    return response;
  }

  private Duration awaitFor(Document command) {
    Object maxTimeMs = command.get("maxTimeMS");
    if (maxTimeMs instanceof Number number && number.longValue() > 0) {
      Duration requested = Duration.ofMillis(number.longValue());
      return requested.compareTo(maxAwait) < 0 ? requested : maxAwait;
    }
    return maxAwait;
  }

  /** An open cursor (id not 0) that returned nothing: only tailable cursors answer that way. */
  private static boolean isEmptyOpenBatch(Document response) {
    if (!(response.get("cursor") instanceof Document cursor)) {
      return false;
    }
    boolean open = cursor.get("id") instanceof Number id && id.longValue() != 0;
    return open && cursor.get("nextBatch") instanceof List<?> batch && batch.isEmpty();
  }

  /** Writes so far to {@code namespace} (null: to anything). */
  private long writes(String namespace) {
    synchronized (writeMonitor) {
      return namespace == null ? writes : writesTo.getOrDefault(namespace, 0L);
    }
  }

  /** Counts a write to {@code namespace}; null: to everything (a drop). */
  private void recordWrite(String namespace) {
    synchronized (writeMonitor) {
      writes++;
      if (namespace == null) {
        writesTo.replaceAll((ns, count) -> count + 1);
      } else {
        writesTo.merge(namespace, 1L, Long::sum);
      }
      writeMonitor.notifyAll();
    }
  }

  /**
   * Waits until a write to {@code namespace} (null: any) completes after {@code seen} of them;
   * false when the deadline passed.
   */
  private boolean awaitWriteAfter(String namespace, long seen, long deadlineNanos) {
    synchronized (writeMonitor) {
      long remaining = deadlineNanos - System.nanoTime();
      while (writes(namespace) == seen && remaining > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(writeMonitor, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        remaining = deadlineNanos - System.nanoTime();
      }
      return writes(namespace) != seen;
    }
  }

  @Override
  public void handleClose(Channel channel) {
    delegate.handleClose(channel);
  }

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    return DataCommands.mayChangeData(command, query)
        ? store.write(() -> delegate.handleCommand(channel, database, command, query))
        : store.read(() -> delegate.handleCommand(channel, database, command, query));
  }

  @Override
  public QueryResult handleQuery(MongoQuery query) {
    return store.read(() -> delegate.handleQuery(query));
  }

  @Override
  public void dropDatabase(String database) {
    store.write(
        () -> {
          delegate.dropDatabase(database);
          return null;
        });
  }

  @Override
  public Collection<Document> getCurrentOperations(MongoQuery query) {
    return delegate.getCurrentOperations(query);
  }

  @Override
  public Document getServerStatus() {
    return counts.addTo(delegate.getServerStatus());
  }

  @Override
  public void close() {
    store.close();
    delegate.close();
  }

  @Override
  public void closeCursors(List<Long> cursorIds) {
    delegate.closeCursors(cursorIds);
  }

  @Override
  public Clock getClock() {
    return delegate.getClock();
  }

  @Override
  public void enableOplog() {
    store.write( // creates local.oplog.rs on first start
        () -> {
          delegate.enableOplog();
          return null;
        });
  }

  @Override
  public void disableOplog() {
    delegate.disableOplog();
  }

  @Override
  public MongoDatabase resolveDatabase(String database) {
    return delegate.resolveDatabase(database);
  }

  @Override
  public MongoBackend version(MongoVersion version) {
    delegate.version(version);
    return this;
  }
}
