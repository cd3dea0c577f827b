package io.outrun.infra;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A change stream's cursor: reads on from the last entry it examined, matched or not, so a stream
 * whose filter matches nothing still moves on, and each entry is read once per stream.
 */
final class OplogTail extends AbstractCursor {

  private final OplogHistory history;
  private final ChangeEvents.Namespace namespace;
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
      long examined,
      String namespace,
      Aggregation stages,
      BiFunction<String, Document, Document> fullDocument) {
    super(id);
    this.history = history;
    this.examined = examined;
    this.namespace = ChangeEvents.Namespace.of(namespace);
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
    Iterator<Document> entries =
        invalidated ? Collections.emptyIterator() : history.after(examined);
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
