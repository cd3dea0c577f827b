package io.outrun.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void sameInputsGiveTheSameId() {
    assertThat(EventIds.of("schedule", "tr-1", "2026-03-08T07:00:00Z"))
        .isEqualTo(EventIds.of("schedule", "tr-1", "2026-03-08T07:00:00Z"));
  }

  @Test
  void partBoundariesMatter() {
    assertThat(EventIds.of("ab", "c")).isNotEqualTo(EventIds.of("a", "bc"));
  }

  @Test
  void aRepeatedRequestNamesTheSameRun() {
    TriggeredBy by = TriggeredBy.manual("u1", Map.of());
    RunRequested first = RunRequested.of(Instant.EPOCH, "ws", "wf", 1, false, by, 0, "wh", "d-1");
    RunRequested again =
        RunRequested.of(Instant.EPOCH.plusSeconds(5), "ws", "wf", 1, false, by, 0, "wh", "d-1");

    assertThat(again.eventId()).isEqualTo(first.eventId());
    assertThat(again.runId()).isEqualTo(first.runId()).isNotEqualTo(first.eventId());
  }

  @Test
  void emptyPartsAreRefused() {
    assertThatThrownBy(() -> EventIds.of("a", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(EventIds::of).isInstanceOf(IllegalArgumentException.class);
  }
}
