package io.outrun.infra;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with an {@link IndexedOplog}, reachable for {@link
 * MongoCompatibleBackend}, and collections that use their unique indexes for queries naming more
 * than the index's keys ({@link NarrowingIndex}).
 */
final class OplogH2Backend extends H2Backend {

  static final String OPLOG_COLLECTION = "oplog.rs";
  static final String OPLOG = "local." + OPLOG_COLLECTION;

  private OplogH2Backend(MVStore store, Clock clock) {
    super(store, clock); // opens every stored database
    if (store.getFileStore() != null && !new CommitMark(store).markedNewest()) {
      new UniqueIndexRebuild(store, this).rebuildAll();
    }
  }

  /**
   * On a file opened by {@link MongoDataFile#open}, which only {@link ConsistentCommits} commits.
   */
  static OplogH2Backend inFile(Path file, Clock clock) {
    return new OplogH2Backend(MongoDataFile.open(file), clock);
  }

  static OplogH2Backend inMemoryStore(Clock clock) {
    return new OplogH2Backend(new MVStore.Builder().open(), clock);
  }

  Oplog currentOplog() {
    return oplog;
  }

  /** The names of the databases the server holds, read without opening any of them. */
  Set<String> databaseNames() {
    return Set.copyOf(listDatabaseNames());
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return NarrowingH2Database.open(name, getMvStore(), getCursorRegistry());
  }

  @Override
  @SuppressWarnings("unchecked") // mongo-java-server keeps Documents in every collection
  protected Oplog createOplog() {
    MongoDatabase local = resolveDatabase("local");
    MongoCollection<Document> stored =
        (MongoCollection<Document>) local.resolveCollection(OPLOG_COLLECTION, false);
    if (stored == null) {
      stored = (MongoCollection<Document>) local.createCollectionOrThrowIfExists(OPLOG_COLLECTION);
    }
    OplogHistory history = new OplogHistory(StoredMaps.documents(getMvStore(), OPLOG));
    return new IndexedOplog(this, stored, history, getCursorRegistry(), getClock());
  }
}
