package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.trigger.TriggerActivity.WebhookLog;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewestWebhookLogsTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void stopsOnceTheLimitIsReachedByNewerBuckets() {
    NewestWebhookLogs newest = new NewestWebhookLogs(3);

    assertThat(newest.wants(at(9))).isTrue();
    newest.add(logs(7, 8, 9));

    assertThat(newest.wants(at(6))).isFalse();
    assertThat(newest.newestFirst())
        .extracting(WebhookLog::receivedAt)
        .containsExactly(at(9), at(8), at(7));
  }

  @Test
  void keepsReadingBucketsThatOverlapTheNewestEntries() {
    NewestWebhookLogs newest = new NewestWebhookLogs(2);
    newest.add(logs(1, 10));

    // A bucket written by another listener over the same seconds holds the second newest.
    assertThat(newest.wants(at(9))).isTrue();
    newest.add(logs(9));
    assertThat(newest.wants(at(8))).isFalse();

    assertThat(newest.newestFirst())
        .extracting(WebhookLog::receivedAt)
        .containsExactly(at(10), at(9));
  }

  @Test
  void fewerEntriesThanTheLimitAreAllReturnedNewestFirst() {
    NewestWebhookLogs newest = new NewestWebhookLogs(50);
    newest.add(logs(3, 4));
    newest.add(logs(1));

    assertThat(newest.wants(at(0))).isTrue();
    assertThat(newest.newestFirst())
        .extracting(WebhookLog::receivedAt)
        .containsExactly(at(4), at(3), at(1));
  }

  private static Instant at(int second) {
    return T0.plusSeconds(second);
  }

  private static List<WebhookLog> logs(int... seconds) {
    return Arrays.stream(seconds)
        .mapToObj(
            s ->
                new WebhookLog(
                    at(s),
                    "POST",
                    "/api/webhooks/t",
                    "203.0.113.7",
                    null,
                    202,
                    "accepted",
                    1L,
                    "run-" + s))
        .toList();
  }
}
