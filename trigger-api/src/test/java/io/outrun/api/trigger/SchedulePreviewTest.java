package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.error.FieldProblem;
import io.outrun.events.TriggerType;
import io.outrun.triggers.StoredConfig;
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
        new Trigger(
            "t1",
            "ws",
            "wf",
            TriggerType.SCHEDULE,
            "every 5 min",
            true,
            stored(Map.of("intervalSeconds", 300)),
            NOW.minusSeconds(3600),
            NOW.minusSeconds(3600),
            NOW.minusSeconds(700),
            3,
            null,
            null);
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isEqualTo(NOW.plusSeconds(200));
  }

  @Test
  void disabledScheduleHasNoNextRun() {
    Trigger trigger =
        new Trigger(
            "t1",
            "ws",
            "wf",
            TriggerType.SCHEDULE,
            "nightly",
            false,
            stored(Map.of("cron", "0 2 * * *")),
            NOW,
            NOW,
            null,
            0,
            NOW.plusSeconds(60),
            null);
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isNull();
  }

  @Test
  void enabledScheduleShowsTheNextRunTheListenerStored() {
    Instant stored = NOW.plusSeconds(42);
    Trigger trigger =
        new Trigger(
            "t1",
            "ws",
            "wf",
            TriggerType.SCHEDULE,
            "every 5 min",
            true,
            stored(Map.of("intervalSeconds", 300)),
            NOW.minusSeconds(3600),
            NOW.minusSeconds(3600),
            NOW.minusSeconds(700),
            3,
            stored,
            null);
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isEqualTo(stored);
  }

  @Test
  void storedNextRunAtOfAnotherTypeIsIgnored() {
    Trigger trigger =
        new Trigger(
            "t1",
            "ws",
            "wf",
            TriggerType.WEBHOOK,
            "inbound",
            true,
            stored(Map.of()),
            NOW,
            NOW,
            null,
            0,
            NOW.plusSeconds(42),
            null);
    assertThat(TriggerViews.nextRunAt(trigger, NOW)).isNull();
  }

  private static StoredConfig stored(Map<String, Object> config) {
    return TriggerConfigs.fromStored(
        config.isEmpty() ? TriggerType.WEBHOOK : TriggerType.SCHEDULE, config);
  }
}
