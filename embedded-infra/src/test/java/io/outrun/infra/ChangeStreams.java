package io.outrun.infra;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** Reading a change stream in tests. */
final class ChangeStreams {

  private ChangeStreams() {}

  /**
   * The stream's next change, waiting for it (each {@code tryNext} is one {@code getMore}, which
   * the server holds for a while when there is nothing yet); fails after 30 s without one.
   */
  static ChangeStreamDocument<Document> next(
      MongoChangeStreamCursor<ChangeStreamDocument<Document>> stream) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      ChangeStreamDocument<Document> change = stream.tryNext();
      if (change != null) {
        return change;
      }
    }
    throw new AssertionError("no change within 30 s");
  }
}
