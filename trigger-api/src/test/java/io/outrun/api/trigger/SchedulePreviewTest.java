package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.error.FieldProblem;
import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulePreviewTest {

  private static final Instant NOW = Instant.parse("2026-03-08T07:00:00Z");

  @Test
  void showsTheNextFireTimesInTheZoneStrictlyAfterFrom() {
    var result =
        SchedulePreview.of("0 2 * * *", "America/New_York", 2, "2026-03-10T06:00:00Z", NOW);
    var preview = ((SchedulePreview.Result.Shown) result).preview();
    assertThat(preview.nextRuns())
        .containsExactly(
            Instant.parse("2026-03-11T06:00:00Z"), Instant.parse("2026-03-12T06:00:00Z"));
    assertThat(preview.description()).isNotBlank();
  }

  @Test
  void refusesEveryBadParameterAtOnce() {
    var result = SchedulePreview.of("nope", "Mars/Base", 0, "yesterday", NOW);
    assertThat(((SchedulePreview.Result.Refused) result).errors())
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder("cron", "timezone", "count", "from");
  }

  @Test
  void refusesACronThatNeverFires() {
    var result = SchedulePreview.of("0 0 30 2 *", null, 5, null, NOW);
    assertThat(result).isInstanceOf(SchedulePreview.Result.Refused.class);
  }

  @Test
  void intervalScheduleNextRunCountsFromTheLastFire() {
    Trigger trigger =
        trigger(TriggerType.SCHEDULE, Map.of("intervalSeconds", 300))
            .lastTriggeredAt(NOW.minusSeconds(700))
            .triggerCount(3)
            .build();
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isEqualTo(NOW.plusSeconds(200));
  }

  @Test
  void disabledScheduleHasNoNextRun() {
    Trigger trigger =
        trigger(TriggerType.SCHEDULE, Map.of("cron", "0 2 * * *"))
            .enabled(false)
            .nextRunAt(NOW.plusSeconds(60))
            .build();
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isNull();
  }

  @Test
  void enabledScheduleShowsTheNextRunTheListenerStored() {
    Instant stored = NOW.plusSeconds(42);
    Trigger trigger =
        trigger(TriggerType.SCHEDULE, Map.of("intervalSeconds", 300))
            .lastTriggeredAt(NOW.minusSeconds(700))
            .triggerCount(3)
            .nextRunAt(stored)
            .build();
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isEqualTo(stored);
  }

  @Test
  void storedNextRunAtOfAnotherTypeIsIgnored() {
    Trigger trigger = trigger(TriggerType.WEBHOOK, Map.of()).nextRunAt(NOW.plusSeconds(42)).build();
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isNull();
  }

  /** An enabled trigger of {@code type}, created and last changed an hour before {@link #NOW}. */
  private static Trigger.Builder trigger(TriggerType type, Map<String, Object> config) {
    return Trigger.builder()
        .id("t1")
        .workspaceId("ws")
        .workflowId("wf")
        .type(type)
        .name(type.wireName())
        .enabled(true)
        .config(TriggerConfigs.fromStored(type, config))
        .createdAt(NOW.minusSeconds(3600))
        .updatedAt(NOW.minusSeconds(3600));
  }
}
