package io.outrun.console;

import io.outrun.infra.FreePorts;
import io.outrun.local.OutrunServices;
import io.outrun.testing.TestInfra;
import java.util.UUID;

/**
 * The whole stack in this JVM (the three services, dev tokens on) on the tests' Kafka and MongoDB,
 * started once for every test class here and stopped when the JVM exits.
 */
final class ConsoleStack implements AutoCloseable {

  private static ConsoleStack shared;

  private final OutrunServices services;
  private final int apiPort;

  private ConsoleStack(OutrunServices services, int apiPort) {
    this.services = services;
    this.apiPort = apiPort;
  }

  /** The stack of this JVM, started on first use. */
  static synchronized ConsoleStack shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "console-stack-stop"));
    }
    return shared;
  }

  private static ConsoleStack start() {
    TestInfra infra = TestInfra.shared();
    int api = FreePorts.next();
    OutrunServices services =
        OutrunServices.start(
            new OutrunServices.Settings(
                infra.kafkaBootstrapServers(),
                infra.mongoConnectionString(),
                "outrun-console-" + UUID.randomUUID().toString().substring(0, 8),
                api,
                FreePorts.next(),
                FreePorts.next(),
                "c2VjcmV0LWZvci10aGUtY29uc29sZS1icm93c2VyLXRlc3RzIQ==",
                "ZW5jcnlwdGlvbi1rZXktZm9yLWNvbnNvbGUtdGVzdHM="));
    return new ConsoleStack(services, api);
  }

  /** Where the browser opens the console. */
  String url() {
    return "http://localhost:" + apiPort + "/";
  }

  @Override
  public void close() {
    services.close();
  }
}
