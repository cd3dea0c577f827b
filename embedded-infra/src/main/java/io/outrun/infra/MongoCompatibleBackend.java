package io.outrun.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
 * <p>An empty {@code getMore} on a change stream waits for data, as MongoDB's awaitData does
 * ({@link AwaitData}): every write passes through here and wakes the streams on its collection.
 *
 * <p>A command that may change data goes through {@link StoreAccess#write}: with a data file it
 * runs between commits and is answered once it is committed ({@link ConsistentCommits}), and only
 * then are waiting streams woken; any other goes through {@link StoreAccess#read}.
 *
 * <p>{@code serverStatus} reports the commands answered by name ({@link CommandCounts}), as
 * MongoDB's does, so a benchmark counts the commands a run costs the same way on both.
 *
 * <p>A driver's {@code countDocuments} is answered as the {@code count} command ({@link
 * CountDocuments}): the server runs the aggregation it arrives as over a copy of every document.
 *
 * <p>{@code listDatabases} with {@code nameOnly} (a driver's {@code listDatabaseNames}, which
 * Spring Boot's MongoDB health check sends on every {@code /actuator/health}) answers the names
 * alone, as MongoDB does. mongo-java-server answers every {@code listDatabases} in full and opens
 * each database anew to do it, which sizes every stored document: with some 40,000 runs stored a
 * health check took seconds of CPU, and the probes of the three services together kept both cores
 * of the development machine busy without one of them answering.
 */
final class MongoCompatibleBackend implements MongoBackend {

  private static final Set<String> WRITES =
      Set.of("insert", "update", "delete", "findandmodify", "drop", "dropdatabase");

  private final OplogH2Backend delegate;
  private final AwaitData awaitData;
  private final StoreAccess store;
  private final CommandCounts counts = new CommandCounts();

  /** A drop may end any stream; it counts as a write to every collection. */
  private static final Set<String> DROPS = Set.of("drop", "dropdatabase");

  MongoCompatibleBackend(OplogH2Backend delegate, Duration maxAwait, StoreAccess store) {
    this.delegate = delegate;
    this.awaitData = new AwaitData(maxAwait);
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
    if ("listDatabases".equalsIgnoreCase(command)
        && "admin".equals(message.getDatabaseName())
        && namesOnly(message.getDocument())) {
      return store.read(this::databaseNames);
    }
    if ("aggregate".equals(command)) {
      Document count = CountDocuments.asCount(message.getDocument());
      if (count != null) {
        String namespace = message.getDatabaseName() + "." + count.get("count");
        MongoMessage asCount = new MongoMessage(message.getChannel(), message.getHeader(), count);
        return store.read(() -> CountDocuments.answer(namespace, delegate.handleMessage(asCount)));
      }
    }
    if ("getMore".equals(command)) {
      return awaitData.getMore(message, () -> store.read(() -> delegate.handleMessage(message)));
    }
    String lower = command.toLowerCase(Locale.ROOT);
    Document response =
        DataCommands.mayChangeData(command, message.getDocument())
            ? store.write(() -> handleWrite(command, message))
            : store.read(() -> delegate.handleMessage(message));
    if (WRITES.contains(lower)) { // after the oplog has the change, so a woken stream sees it
      awaitData.written(DROPS.contains(lower) ? null : namespace(message));
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

  /**
   * Names alone asked for ({@code nameOnly} true, or a non-zero number as shells send it) and no
   * filter (which may name other fields): answered here.
   */
  private static boolean namesOnly(Document command) {
    Object nameOnly = command.get("nameOnly");
    boolean asked =
        Boolean.TRUE.equals(nameOnly)
            || nameOnly instanceof Number number && number.doubleValue() != 0;
    return asked && command.get("filter") == null;
  }

  private Document databaseNames() {
    List<Document> databases =
        delegate.databaseNames().stream().sorted().map(name -> new Document("name", name)).toList();
    Document response = new Document("databases", databases);
    Utils.markOkay(response);
    return response;
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
