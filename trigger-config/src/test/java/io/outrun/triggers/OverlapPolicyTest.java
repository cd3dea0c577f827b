package io.outrun.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapPolicyTest {

  private static final Instant T1 = Instant.parse("2030-01-15T10:01:00Z");
  private static final Instant T2 = Instant.parse("2030-01-15T10:02:00Z");
  private static final Instant T3 = Instant.parse("2030-01-15T10:03:00Z");

  @Test
  void namesFromConfigAndSkipByDefault() {
    assertThat(WireName.find(OverlapPolicy.class, "buffer_one")).contains(OverlapPolicy.BUFFER_ONE);
    assertThat(WireName.find(OverlapPolicy.class, "allow_all")).contains(OverlapPolicy.ALLOW_ALL);
    assertThat(
            TriggerConfigs.fromStored(
                io.outrun.events.TriggerType.SCHEDULE, java.util.Map.of("intervalSeconds", 60)))
        .extracting(stored -> stored.as(ScheduleConfig.class).orElseThrow().overlapPolicy())
        .isEqualTo(OverlapPolicy.SKIP);
  }

  @Test
  void skipFiresTheFirstInstantWhenIdleAndSkipsTheInstantsThatFollowIt() {
    OverlapPolicy.Decision idle = OverlapPolicy.SKIP.decide(false, null, List.of(T1, T2, T3));
    assertThat(idle.fire()).containsExactly(T1);
    assertThat(idle.skipped()).containsExactly(T2, T3);

    OverlapPolicy.Decision busy = OverlapPolicy.SKIP.decide(true, null, List.of(T1));
    assertThat(busy.fire()).isEmpty();
    assertThat(busy.skipped()).containsExactly(T1);
    assertThat(busy.bufferedAt()).isNull();
  }

  @Test
  void bufferOneHoldsTheFirstInstantWhileBusyAndSkipsTheRest() {
    OverlapPolicy.Decision busy = OverlapPolicy.BUFFER_ONE.decide(true, null, List.of(T1, T2));
    assertThat(busy.fire()).isEmpty();
    assertThat(busy.bufferedAt()).isEqualTo(T1);
    assertThat(busy.newlyBuffered()).isEqualTo(T1);
    assertThat(busy.skipped()).containsExactly(T2);

    OverlapPolicy.Decision stillBusy = OverlapPolicy.BUFFER_ONE.decide(true, T1, List.of(T3));
    assertThat(stillBusy.bufferedAt()).isEqualTo(T1);
    assertThat(stillBusy.newlyBuffered()).isNull();
    assertThat(stillBusy.skipped()).containsExactly(T3);
  }

  @Test
  void aHeldInstantFiresOnceThePreviousRunEndsAndThenCountsAsRunning() {
    OverlapPolicy.Decision released = OverlapPolicy.BUFFER_ONE.decide(false, T1, List.of(T2, T3));

    assertThat(released.fire()).containsExactly(T1);
    assertThat(released.bufferedAt()).isEqualTo(T2);
    assertThat(released.skipped()).containsExactly(T3);
  }

  @Test
  void allowAllFiresEverything() {
    OverlapPolicy.Decision decision = OverlapPolicy.ALLOW_ALL.decide(true, null, List.of(T1, T2));

    assertThat(decision.fire()).containsExactly(T1, T2);
    assertThat(decision.skipped()).isEmpty();
  }
}
