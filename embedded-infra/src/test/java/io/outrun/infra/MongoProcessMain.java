package io.outrun.infra;

import java.nio.file.Path;
import java.time.Clock;

/**
 * {@link EmbeddedMongo} on a data directory, alone in a JVM that a test can kill with SIGKILL:
 * {@code MongoProcessMain <dataDir> <port>}. Runs until killed.
 */
public final class MongoProcessMain {

  private MongoProcessMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedMongo.persistent(Path.of(args[0]), Integer.parseInt(args[1]), Clock.systemUTC());
    Thread.currentThread().join();
  }
}
