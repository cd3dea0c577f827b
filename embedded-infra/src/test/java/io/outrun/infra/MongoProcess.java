package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** {@link MongoProcessMain} in a child JVM, started on a data directory and killed with SIGKILL. */
final class MongoProcess implements AutoCloseable {

  /** How a JVM killed by SIGKILL (signal 9) exits, as {@link Process#exitValue()} reports it. */
  private static final int KILLED_BY_SIGKILL = 128 + 9;

  private final Process process;
  private final int port;

  private MongoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MongoProcess start(Path dataDir, Path log) {
    return start(dataDir, log, 256);
  }

  static MongoProcess start(Path dataDir, Path log, int maxHeapMegabytes) {
    int port = FreePorts.next();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeapMegabytes + "m",
                "-cp",
                System.getProperty("java.class.path"),
                MongoProcessMain.class.getName(),
                dataDir.toString(),
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      MongoProcess mongo = new MongoProcess(builder.start(), port);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !mongo.process.isAlive() || mongo.answers());
      assertThat(mongo.process.isAlive()).as("the MongoDB process started; see " + log).isTrue();
      return mongo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String connectionString() {
    return "mongodb://127.0.0.1:" + port + "/?directConnection=true";
  }

  /**
   * SIGKILL: {@link Process#destroyForcibly()} sends it on Linux and macOS; the exit value proves
   * it was that and not a graceful stop.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(KILLED_BY_SIGKILL);
  }

  private boolean answers() {
    try (MongoClient client =
        MongoClients.create(connectionString() + "&serverSelectionTimeoutMS=500")) {
      client.getDatabase("admin").runCommand(new Document("ping", 1));
      return true;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
