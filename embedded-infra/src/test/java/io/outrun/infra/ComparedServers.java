package io.outrun.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The in-process MongoDB (a persistent store in {@code dataDir}) and a plain in-memory
 * mongo-java-server side by side, a client on each: for tests that check the store's own paths
 * answer as the server's unchanged code does.
 */
final class ComparedServers implements AutoCloseable {

  private final EmbeddedMongo embedded;
  private final MongoServer reference;
  private final MongoClient embeddedClient;
  private final MongoClient referenceClient;

  ComparedServers(Path dataDir) {
    embedded = EmbeddedMongo.persistent(dataDir, 0, Clock.systemUTC());
    reference = new MongoServer(new MemoryBackend());
    embeddedClient = MongoClients.create(embedded.connectionString());
    var address = reference.bind();
    referenceClient =
        MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
  }

  /** A client of the in-process MongoDB. */
  MongoClient embedded() {
    return embeddedClient;
  }

  /** A client of the plain mongo-java-server. */
  MongoClient reference() {
    return referenceClient;
  }

  @Override
  public void close() {
    embeddedClient.close();
    referenceClient.close();
    embedded.close();
    reference.shutdownNow();
  }
}
