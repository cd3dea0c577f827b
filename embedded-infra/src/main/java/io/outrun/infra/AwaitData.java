package io.outrun.infra;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * An empty {@code getMore} on a tailable cursor (a change stream) waits for data, as MongoDB's
 * awaitData does, instead of answering at once: without it the driver asks again immediately and
 * every open change stream spins a quarter of a core. The wait sleeps until a write command on the
 * stream's collection completes (every write is reported here) and then asks again, so a change is
 * delivered as soon as it is written, an idle stream costs nothing, and writes to other collections
 * do not wake it ({@link StreamWakeups}). It gives up after {@code maxAwait} (or the command's
 * {@code maxTimeMS}, if shorter). It holds the server's worker thread: {@link EmbeddedMongo} gives
 * the server enough workers that a waiting connection does not hold up others.
 */
final class AwaitData {

  private final Duration maxAwait;
  private final StreamWakeups wakeups = new StreamWakeups();

  AwaitData(Duration maxAwait) {
    this.maxAwait = maxAwait;
  }

  /**
   * Answers {@code getMore} by running {@code read}, again after each write to the stream's
   * collection while the answer is an empty batch of an open cursor, until the wait is over.
   */
  Document getMore(MongoMessage getMore, Supplier<Document> read) {
    String watched = watchedNamespace(getMore);
    long seen = wakeups.writes(watched);
    Document response = read.get();
    long deadline = System.nanoTime() + awaitFor(getMore.getDocument()).toNanos();
    while (isEmptyOpenBatch(response) && wakeups.awaitWriteAfter(watched, seen, deadline)) {
      seen = wakeups.writes(watched);
      response = read.get();
    }
    return response;
  }

  /**
   * A write to {@code namespace} completed (null: a drop, which may end any stream); call once the
   * oplog has the change, so that a woken stream sees it.
   */
  void written(String namespace) {
    wakeups.written(namespace);
  }

  /** The collection a getMore's change stream watches; null (any write) if it is not one. */
  private static String watchedNamespace(MongoMessage message) {
    Object collection = message.getDocument().get("collection");
    return collection instanceof String name && !name.startsWith("$")
        ? message.getDatabaseName() + "." + name
        : null;
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
}
