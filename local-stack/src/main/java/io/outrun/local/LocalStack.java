package io.outrun.local;

import io.outrun.infra.EmbeddedMongo;
import io.outrun.infra.KraftBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./outrun up}: the whole of Outrun on a laptop, in the foreground, until Ctrl-C. Kafka and
 * MongoDB run in this JVM with their data under {@code ./.outrun/}, so it survives a restart.
 */
public final class LocalStack {

  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration OPLOG_KEPT = Duration.ofHours(24);
  static final String DEV_JWT_KEY = "dev-jwt-secret";
  static final String SECRETS_ENCRYPTION_KEY = "secrets-encryption-key";

  private LocalStack() {}

  public static void main(String[] args) {
    start();
  }

  /**
   * Starts the stack as {@link #main} does, with {@code listenerAdditions} added to
   * listener-service's configuration: the benchmarks add an endpoint that does nothing, to compare
   * with.
   */
  public static void start(Class<?>... listenerAdditions) {
    long started = System.nanoTime();
    LocalStackSettings settings = LocalStackSettings.fromEnvironment();
    List<String> taken = settings.portsInUse();
    if (!taken.isEmpty()) {
      System.err.println(
          "outrun: cannot start, in use: "
              + String.join(", ", taken)
              + ".\nIs another ./outrun up running? Stop it, or choose other ports with the"
              + " OUTRUN_*_PORT variables (see README).");
      System.exit(1);
    }
    KraftBroker kafka =
        KraftBroker.start(
            settings.dataDir().resolve("kafka"),
            settings.kafkaPort(),
            settings.kafkaControllerPort(),
            6);
    EmbeddedMongo mongo =
        EmbeddedMongo.persistent(
            settings.dataDir().resolve("mongo"), settings.mongoPort(), Clock.systemUTC());
    ScheduledExecutorService oplogTrim = trimOplogHourly(mongo);
    OutrunServices services =
        OutrunServices.start(
            new OutrunServices.Settings(
                kafka.bootstrapServers(),
                mongo.connectionString(),
                "outrun",
                settings.apiPort(),
                settings.listenerPort(),
                settings.runnerPort(),
                localKey(settings.dataDir(), DEV_JWT_KEY),
                localKey(settings.dataDir(), SECRETS_ENCRYPTION_KEY)),
            listenerAdditions);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  services.close();
                  oplogTrim.shutdownNow();
                  mongo.close();
                  kafka.close();
                },
                "outrun-stop"));
    System.out.println(banner(settings, Duration.ofNanos(System.nanoTime() - started)));
  }

  private static ScheduledExecutorService trimOplogHourly(EmbeddedMongo mongo) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().daemon().name("oplog-trim").unstarted(runnable));
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            long trimmed = mongo.trimOplog(OPLOG_KEPT);
            log.debug("Trimmed {} oplog entries older than {}", trimmed, OPLOG_KEPT);
          } catch (RuntimeException e) {
            log.warn("Could not trim the oplog: {}", e.getMessage());
          }
        },
        1,
        60,
        TimeUnit.MINUTES);
    return executor;
  }

  /**
   * A 256-bit key, base64, made once per data directory and kept there, readable by its owner only:
   * dev tokens and encrypted webhook secrets must survive a restart.
   */
  static String localKey(Path dataDir, String name) {
    Path file = dataDir.resolve(name);
    try {
      if (Files.exists(file)) {
        restrictToOwner(file);
        return Files.readString(file).trim();
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String secret = Base64.getEncoder().encodeToString(key);
      Files.createDirectories(dataDir);
      Files.writeString(file, secret);
      restrictToOwner(file);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // e.g. Windows: the file stays readable as the directory allows
    }
  }

  private static String banner(LocalStackSettings s, Duration startup) {
    return """

        Outrun is up (%.1f s). Ctrl-C stops it; data is kept in %s.

          trigger-api       http://localhost:%d   (health: /actuator/health)
          listener-service  http://localhost:%d   (webhooks: /api/webhooks/{triggerId})
          runner-service    http://localhost:%d
          Kafka             localhost:%d
          MongoDB           mongodb://localhost:%d/outrun

        Get a dev token:
          curl -s -X POST localhost:%d/api/dev/tokens -H 'Content-Type: application/json' \\
               -d '{"userId":"u1","workspaceId":"ws-1"}'
        """
        .formatted(
            startup.toMillis() / 1000.0,
            s.dataDir().toAbsolutePath(),
            s.apiPort(),
            s.listenerPort(),
            s.runnerPort(),
            s.kafkaPort(),
            s.mongoPort(),
            s.apiPort());
  }
}
