package io.outrun.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outrun.infra.FreePorts;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

  @Test
  void defaultsAreTheContractsPortsAndDataDirectory() {
    LocalStackSettings settings = LocalStackSettings.from(Map.of());

    assertThat(settings.dataDir()).isEqualTo(Path.of(".outrun"));
    assertThat(settings.kafkaPort()).isEqualTo(9092);
    assertThat(settings.mongoPort()).isEqualTo(27017);
    assertThat(settings.apiPort()).isEqualTo(8080);
    assertThat(settings.listenerPort()).isEqualTo(8081);
    assertThat(settings.runnerPort()).isEqualTo(8082);
  }

  @Test
  void aNonNumericPortIsAClearError() {
    assertThatThrownBy(() -> LocalStackSettings.from(Map.of("OUTRUN_API_PORT", "eighty")))
        .hasMessageContaining("OUTRUN_API_PORT")
        .hasMessageContaining("eighty");
  }

  @Test
  void aTakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      LocalStackSettings settings =
          LocalStackSettings.from(
              Map.of(
                  "OUTRUN_KAFKA_PORT", String.valueOf(FreePorts.next()),
                  "OUTRUN_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next()),
                  "OUTRUN_MONGO_PORT", String.valueOf(FreePorts.next()),
                  "OUTRUN_API_PORT", String.valueOf(taken.getLocalPort()),
                  "OUTRUN_LISTENER_PORT", String.valueOf(FreePorts.next()),
                  "OUTRUN_RUNNER_PORT", String.valueOf(FreePorts.next())));

      assertThat(settings.portsInUse()).containsExactly(taken.getLocalPort() + " (trigger-api)");
    }
  }
}
