package io.outrun.infra;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.time.Clock;
import org.h2.mvstore.MVStore;

/** mongo-java-server's H2 backend, with its oplog reachable for {@link MongoCompatibleBackend}. */
final class OplogH2Backend extends H2Backend {

  private OplogH2Backend(MVStore store, Clock clock) {
    super(store, clock);
  }

  static OplogH2Backend inFile(String fileName, Clock clock) {
    return new OplogH2Backend(new MVStore.Builder().fileName(fileName).open(), clock);
  }

  static OplogH2Backend inMemoryStore(Clock clock) {
    return new OplogH2Backend(new MVStore.Builder().open(), clock);
  }

  Oplog currentOplog() {
    return oplog;
  }
}
