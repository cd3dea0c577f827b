package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookLogBucketTest {

  private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void eachTriggersEntriesMakeOneBucketSortedOldestFirst() {
    List<WebhookLogBucket> buckets =
        WebhookLogBucket.of(
            List.of(entry("a", 2), entry("b", 0), entry("a", 0), entry("a", 1)), 500);

    assertThat(buckets).extracting(WebhookLogBucket::triggerId).containsExactly("a", "b");
    WebhookLogBucket a = buckets.getFirst();
    assertThat(a.workspaceId()).isEqualTo("ws");
    assertThat(a.from()).isEqualTo(T0);
    assertThat(a.to()).isEqualTo(T0.plusSeconds(2));
    assertThat(a.entries())
        .extracting(WebhookLogEntry::receivedAt)
        .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
    assertThat(buckets.getLast().entries()).hasSize(1);
  }

  @Test
  void moreEntriesThanTheSizeMakeSeveralBucketsThatDoNotOverlap() {
    List<WebhookLogEntry> seven = IntStream.range(0, 7).mapToObj(i -> entry("a", 6 - i)).toList();

    List<WebhookLogBucket> buckets = WebhookLogBucket.of(seven, 3);

    assertThat(buckets).extracting(b -> b.entries().size()).containsExactly(3, 3, 1);
    assertThat(buckets)
        .extracting(WebhookLogBucket::from, WebhookLogBucket::to)
        .containsExactly(
            tuple(T0, T0.plusSeconds(2)),
            tuple(T0.plusSeconds(3), T0.plusSeconds(5)),
            tuple(T0.plusSeconds(6), T0.plusSeconds(6)));
  }

  @Test
  void nothingToWriteIsNoBucketAndASizeBelowOneIsRefused() {
    assertThat(WebhookLogBucket.of(List.of(), 10)).isEmpty();
    assertThatThrownBy(() -> WebhookLogBucket.of(List.of(entry("a", 0)), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static WebhookLogEntry entry(String triggerId, int second) {
    return new WebhookLogEntry(
        triggerId,
        "ws",
        T0.plusSeconds(second),
        "POST",
        "/api/webhooks/" + triggerId,
        "203.0.113.7",
        null,
        202,
        "accepted",
        1,
        null);
  }
}
