package io.outrun.infra;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, but an update never changes a document another command may
 * still be sending.
 *
 * <p>The server's update takes the stored document from a query, changes its top-level fields in
 * place and stores it again. A find answered a moment earlier may hold that same instance while
 * Netty encodes the reply, and the encoder then fails with a ConcurrentModificationException that
 * closes the client's connection. Updates build their new values from deep copies, so a shallow
 * copy of what a query returns is enough: the update changes the copy, the copy is stored, and the
 * instance a reply may be encoding stays as it was.
 *
 * <p>Only results without a cursor are copied: updates, findAndModify and distinct ask for every
 * match at once, while a find that pages through a cursor only reads.
 *
 * <p>It keeps no running total of its documents' size: the server encoded every inserted document,
 * and both versions of every updated one, to BSON only to keep that total in a map of its own.
 * {@code collStats} and {@code dbStats} add the sizes up when asked instead.
 */
final class UnsharedH2Collection extends H2Collection {

  UnsharedH2Collection(
      MongoDatabase database,
      String name,
      CollectionOptions options,
      MVMap<Object, Document> data,
      MVMap<String, Object> meta,
      CursorRegistry cursors) {
    super(database, name, options, data, meta, cursors);
  }

  @Override
  protected boolean tracksDataSize() {
    return false;
  }

  @Override
  protected int getDataSize() {
    long size = 0;
    for (Document document : queryAll()) {
      size += BsonCodec.size(document);
    }
    return (int) Math.min(Integer.MAX_VALUE, size);
  }

  @Override
  protected QueryResult queryDocuments(
      Document query,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    QueryResult result =
        super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    if (result.getCursorId() != 0) {
      return result;
    }
    List<Document> copies = new ArrayList<>();
    for (Document document : result) {
      copies.add(new Document(document));
    }
    return new QueryResult(copies);
  }
}
