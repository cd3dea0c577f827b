package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WebhookDeliveriesTest {

  private static final Duration DAY = Duration.ofHours(24);

  private final AtomicLong nanos = new AtomicLong();

  @Test
  void acceptedDeliveryIsRememberedWithItsRun() {
    WebhookDeliveries deliveries = new WebhookDeliveries(DAY, 100, nanos::get);

    deliveries.accepted("event-1", "run-1");

    assertThat(deliveries.runOf("event-1")).contains("run-1");
    assertThat(deliveries.runOf("event-2")).isEmpty();
  }

  @Test
  void deliveryIsRememberedForTheWholeWindowAndForgottenAfter() {
    WebhookDeliveries deliveries = new WebhookDeliveries(DAY, 100, nanos::get);
    deliveries.accepted("event-1", "run-1");

    nanos.addAndGet(DAY.minusSeconds(1).toNanos());
    assertThat(deliveries.runOf("event-1")).contains("run-1");

    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(deliveries.runOf("event-1")).isEmpty();
  }

  @Test
  void memoryIsBoundedByMaxEntries() {
    WebhookDeliveries deliveries = new WebhookDeliveries(DAY, 100, nanos::get);

    for (int i = 0; i < 1_000; i++) {
      deliveries.accepted("event-" + i, "run-" + i);
    }

    long remembered = 0;
    for (int i = 0; i < 1_000; i++) {
      remembered += deliveries.runOf("event-" + i).isPresent() ? 1 : 0;
    }
    assertThat(remembered).isBetween(1L, 100L);
  }

  @Test
  void noEntriesMeansNothingIsRemembered() {
    WebhookDeliveries deliveries = new WebhookDeliveries(DAY, 0, nanos::get);

    deliveries.accepted("event-1", "run-1");

    assertThat(deliveries.runOf("event-1")).isEmpty();
  }
}
