package io.outrun.api.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import io.outrun.triggers.ScheduleConfig;
import io.outrun.triggers.TriggerConfigs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillInstantsTest {

  private static final Instant FROM = Instant.parse("2026-03-07T00:00:00Z");

  @Test
  void cronInstantsInTheTriggersZoneBothEndsIncluded() {
    var result =
        BackfillInstants.between(
            schedule(Map.of("cron", "0 2 * * *", "timezone", "America/New_York")),
            null,
            Instant.parse("2026-03-07T07:00:00Z"),
            Instant.parse("2026-03-10T06:00:00Z"),
            1000);

    // 02:00 New York: EST (UTC-5) until 8 March, then 02:00 falls in the gap and fires at 03:00
    // EDT (07:00Z), then EDT (UTC-4).
    assertThat(result)
        .isEqualTo(
            new BackfillInstants.Result.Instants(
                List.of(
                    Instant.parse("2026-03-07T07:00:00Z"),
                    Instant.parse("2026-03-08T07:00:00Z"),
                    Instant.parse("2026-03-09T06:00:00Z"),
                    Instant.parse("2026-03-10T06:00:00Z"))));
  }

  @Test
  void aFromBetweenSecondsStartsAtTheNextWholeSecond() {
    var result =
        BackfillInstants.between(
            schedule(Map.of("cron", "* * * * *")),
            null,
            Instant.parse("2026-03-07T00:00:00.500Z"),
            Instant.parse("2026-03-07T00:02:00Z"),
            1000);

    assertThat(result)
        .isEqualTo(
            new BackfillInstants.Result.Instants(
                List.of(
                    Instant.parse("2026-03-07T00:01:00Z"), Instant.parse("2026-03-07T00:02:00Z"))));
  }

  @Test
  void intervalInstantsFollowTheStoredNextRunAt() {
    var result =
        BackfillInstants.between(
            schedule(Map.of("intervalSeconds", 300)),
            Instant.parse("2026-03-07T10:02:30Z"),
            FROM,
            FROM.plusSeconds(900),
            1000);

    assertThat(result)
        .isEqualTo(
            new BackfillInstants.Result.Instants(
                List.of(
                    Instant.parse("2026-03-07T00:02:30Z"),
                    Instant.parse("2026-03-07T00:07:30Z"),
                    Instant.parse("2026-03-07T00:12:30Z"))));
  }

  @Test
  void intervalWithoutANextRunAtCountsFromFrom() {
    var result =
        BackfillInstants.between(
            schedule(Map.of("intervalSeconds", 300)), null, FROM, FROM.plusSeconds(600), 1000);

    assertThat(result)
        .isEqualTo(
            new BackfillInstants.Result.Instants(
                List.of(FROM, FROM.plusSeconds(300), FROM.plusSeconds(600))));
  }

  @Test
  void aRangeWithoutInstantsIsEmpty() {
    assertThat(
            BackfillInstants.between(
                schedule(Map.of("cron", "0 2 * * *")),
                null,
                FROM.plusSeconds(3 * 3600),
                FROM.plusSeconds(4 * 3600),
                10))
        .isEqualTo(new BackfillInstants.Result.Instants(List.of()));
  }

  @Test
  void moreInstantsThanTheCapAreCountedExactly() {
    assertThat(
            BackfillInstants.between(
                schedule(Map.of("cron", "*/5 * * * *")),
                null,
                FROM,
                FROM.plusSeconds(24 * 3600),
                100))
        .isEqualTo(new BackfillInstants.Result.TooMany(289, false));
    assertThat(
            BackfillInstants.between(
                schedule(Map.of("intervalSeconds", 60)),
                null,
                FROM,
                FROM.plusSeconds(24 * 3600),
                100))
        .isEqualTo(new BackfillInstants.Result.TooMany(1441, false));
  }

  @Test
  void aHugeCronRangeIsCountedOnlyUpToTheCeiling() {
    var result =
        BackfillInstants.between(
            schedule(Map.of("cron", "* * * * *")),
            null,
            Instant.parse("2016-01-01T00:00:00Z"),
            FROM,
            1000);

    assertThat(result).isInstanceOf(BackfillInstants.Result.TooMany.class);
    var tooMany = (BackfillInstants.Result.TooMany) result;
    assertThat(tooMany.atLeast()).isTrue();
    assertThat(tooMany.count()).isGreaterThan(BackfillInstants.COUNT_CEILING);
  }

  private static ScheduleConfig schedule(Map<String, Object> stored) {
    return TriggerConfigs.fromStored(TriggerType.SCHEDULE, stored)
        .as(ScheduleConfig.class)
        .orElseThrow();
  }
}
