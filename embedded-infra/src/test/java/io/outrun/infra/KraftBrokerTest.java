package io.outrun.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class KraftBrokerTest {

  @Test
  void logCleanerDedupeBufferIsEightMegabytesNotKafkasDefault128() {
    KafkaConfig config =
        new KafkaConfig(KraftBroker.properties(Path.of("/tmp/unused"), 9092, 9093, 1), false);

    assertThat(config.logCleanerDedupeBufferSize())
        .isEqualTo(KraftBroker.CLEANER_DEDUPE_BUFFER_BYTES)
        .isLessThan(128L * 1024 * 1024);
  }
}
