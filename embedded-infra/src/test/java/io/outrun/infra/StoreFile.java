package io.outrun.infra;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The maps mongo-java-server's H2 backend keeps in its MVStore file, read directly: what a crash
 * left on disk, before anything opens it as a server (which would check and repair it).
 */
final class StoreFile implements AutoCloseable {

  private final MVStore store;

  private StoreFile(MVStore store) {
    this.store = store;
  }

  /** The store file of {@code dataDir}, read only. */
  static StoreFile open(Path dataDir) {
    return new StoreFile(new MVStore.Builder().fileName(file(dataDir)).readOnly().open());
  }

  /** To tear it as a crash of an older version could: changes are saved on close. */
  static StoreFile openForWriting(Path dataDir) {
    return new StoreFile(new MVStore.Builder().fileName(file(dataDir)).open());
  }

  private static String file(Path dataDir) {
    return dataDir.resolve(MongoDataFile.CURRENT).toString();
  }

  /** Whether the newest commit was made between commands ({@link ConsistentCommits}). */
  boolean newestCommitMarked() {
    return new CommitMark(store).markedNewest();
  }

  /** The {@code _id}s of the documents stored in {@code db.collection}. */
  Set<Object> documentIds(String namespace) {
    return new HashSet<>(StoredMaps.documents(store, namespace).keySet());
  }

  /** The document {@code _id}s an index of {@code db.collection} points at. */
  Set<Object> indexedIds(String namespace, String index) {
    return new HashSet<>(StoredMaps.uniqueIndex(store, namespace, index).values());
  }

  long indexEntries(String namespace, String index) {
    return StoredMaps.uniqueIndex(store, namespace, index).sizeAsLong();
  }

  /** Removes what {@code index} holds for the document {@code id}, leaving the document. */
  void removeIndexEntries(String namespace, String index, Object id) {
    MVMap<KeyValue, Object> entries = StoredMaps.uniqueIndex(store, namespace, index);
    entries.entrySet().stream()
        .filter(entry -> id.equals(entry.getValue()))
        .map(Map.Entry::getKey)
        .toList()
        .forEach(entries::remove);
  }

  /** Adds an entry for {@code key} pointing at {@code id}, whether or not that document exists. */
  void addIndexEntry(String namespace, String index, Object key, Object id) {
    StoredMaps.uniqueIndex(store, namespace, index).put(new KeyValue(key), id);
  }

  @Override
  public void close() {
    store.close();
  }
}
