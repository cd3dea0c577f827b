package io.outrun.infra;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A change stream's cursor: reads on from the last entry it examined, matched or not, so a stream
 * whose filter matches nothing still moves on, and each entry is read once per stream; past the
 * entries of other collections at once when its own had none ({@link OplogWrites}).
 */
final class OplogTail extends AbstractCursor {

  private final OplogHistory history;
  private final OplogWrites writes;
  private final ChangeEvents.Namespace namespace;
  private final String commands;
  private final Aggregation stages;
  private final BiFunction<String, Document, Document> fullDocument;
  private long examined;
  private boolean invalidated;

  /**
   * @param fullDocument an update's document as it is now, for streams asking for {@code
   *     updateLookup}; null otherwise
   */
  OplogTail(
      long id,
      OplogHistory history,
      OplogWrites writes,
      long examined,
      String namespace,
      Aggregation stages,
      BiFunction<String, Document, Document> fullDocument) {
    super(id);
    this.history = history;
    this.writes = writes;
    this.examined = examined;
    this.namespace = ChangeEvents.Namespace.of(namespace);
    this.commands = this.namespace.database() + ".$cmd";
    this.stages = stages;
    this.fullDocument = fullDocument;
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public synchronized List<Document> takeDocuments(int limit) {
    List<Document> batch = new ArrayList<>();
    if (invalidated) {
      return batch;
    }
    long quiet = writes.quietUpTo(namespace.fullName(), commands, examined);
    if (quiet != examined) {
      examined = quiet; // nothing of this collection's in between
      return batch;
    }
    Iterator<Document> entries = history.after(examined);
    while (entries.hasNext() && (limit <= 0 || batch.size() < limit)) {
      Document entry = entries.next();
      examined = ChangeEvents.timestamp(entry);
      if (ChangeEvents.concerns(entry, namespace.fullName())) {
        Document change = ChangeEvents.toChange(entry, fullDocument, namespace);
        stages.runStagesAsStream(Stream.of(change)).forEach(batch::add);
        if (ChangeEvents.isDropOf(entry, namespace.fullName())) {
          batch.add(ChangeEvents.invalidate(change)); // and the stream reads nothing more
          invalidated = true;
          break;
        }
      }
    }
    return batch;
  }
}
