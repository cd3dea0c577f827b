package io.outrun.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once per test JVM, before any test runs, in every module whose tests have
 * test-support on the classpath: a blocking call on a Reactor or Netty thread fails the test. The
 * in-process servers themselves (Kafka broker, mongo-java-server) are not ours to judge.
 */
public final class BlockHoundSessionListener implements LauncherSessionListener {

  private static volatile boolean installed;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    install();
  }

  static synchronized void install() {
    if (installed || "false".equalsIgnoreCase(System.getenv("OUTRUN_BLOCKHOUND"))) {
      return;
    }
    BlockHound.install(
        builder ->
            builder
                .nonBlockingThreadPredicate(
                    current -> current.and(thread -> !isInProcessServerThread(thread)))
                // Logging to the console is not our request path's I/O.
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend"));
    installed = true;
  }

  private static boolean isInProcessServerThread(Thread thread) {
    return thread.getName().startsWith("mongo-server");
  }
}
