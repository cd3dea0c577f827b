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

  static StoreFile open(Path file) {
    return new StoreFile(new MVStore.Builder().fileName(file.toString()).readOnly().open());
  }

  /** To tear it as a crash of an older version could: changes are saved on close. */
  static StoreFile openForWriting(Path file) {
    return new StoreFile(new MVStore.Builder().fileName(file.toString()).open());
  }

  /** Whether the newest commit was made between commands ({@link ConsistentCommits}). */
  boolean newestCommitMarked() {
    return new CommitMark(store).markedNewest();
  }

  /** The {@code _id}s of the documents stored in {@code db.collection}. */
  Set<Object> documentIds(String namespace) {
    return new HashSet<>(map("databases." + namespace).keySet());
  }

  /** The document {@code _id}s an index of {@code db.collection} points at. */
  Set<Object> indexedIds(String namespace, String index) {
    return new HashSet<>(map(namespace + "._index_" + index).values());
  }

  long indexEntries(String namespace, String index) {
    return map(namespace + "._index_" + index).sizeAsLong();
  }

  /** Removes what {@code index} holds for the document {@code id}, leaving the document. */
  void removeIndexEntries(String namespace, String index, Object id) {
    MVMap<Object, Object> entries = map(namespace + "._index_" + index);
    entries.entrySet().stream()
        .filter(entry -> id.equals(entry.getValue()))
        .map(Map.Entry::getKey)
        .toList()
        .forEach(entries::remove);
  }

  /** Adds an entry for {@code key} pointing at {@code id}, whether or not that document exists. */
  void addIndexEntry(String namespace, String index, Object key, Object id) {
    map(namespace + "._index_" + index).put(new KeyValue(key), id);
  }

  private MVMap<Object, Object> map(String name) {
    return store.openMap(name);
  }

  @Override
  public void close() {
    store.close();
  }
}
