package io.outrun.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class ConsumerPropertiesTest {

  /** Half of G1's smallest region (1 MB): an array that large goes to the old generation. */
  private static final int HALF_A_REGION = 512 * 1024;

  @Test
  void aFetchAnswersWithLessThanHalfAHeapRegionByDefault() {
    Map<String, Object> props = EventBusConfiguration.consumerProperties(new KafkaProperties());

    assertThat((int) props.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG)).isLessThan(HALF_A_REGION);
    assertThat((int) props.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
        .isLessThan(HALF_A_REGION);
    assertThat(EventConsumers.GATHER_BYTES).isLessThan(EventBusConfiguration.FETCH_MAX_BYTES);
  }

  @Test
  void configuredFetchSizesWin() {
    KafkaProperties kafka = new KafkaProperties();
    kafka.getConsumer().getProperties().put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "52428800");
    kafka
        .getConsumer()
        .getProperties()
        .put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576");

    Map<String, Object> props = EventBusConfiguration.consumerProperties(kafka);

    assertThat(props)
        .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "52428800")
        .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576");
  }
}
