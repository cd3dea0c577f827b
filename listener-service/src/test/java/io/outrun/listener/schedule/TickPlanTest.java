package io.outrun.listener.schedule;

import static io.outrun.listener.StoredConfigs.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickPlanTest {

  private static final ScheduleSpec EVERY_10S =
      ScheduleSpec.of(schedule(Map.of("intervalSeconds", 10)));
  private static final ScheduleSpec EVERY_MINUTE =
      ScheduleSpec.of(schedule(Map.of("cron", "* * * * *", "timezone", "Europe/Berlin")));
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void anOnTimeTickFiresTheOneInstantAndMovesOn() {
    TickPlan plan = TickPlan.of(EVERY_10S, at("10:00:10"), at("10:00:10.002"), MINUTE, 1000);

    assertThat(plan.due()).containsExactly(at("10:00:10"));
    assertThat(plan.missed()).isNull();
    assertThat(plan.nextRunAt()).isEqualTo(at("10:00:20"));
  }

  @Test
  void nothingIsDueBeforeTheInstant() {
    TickPlan plan = TickPlan.of(EVERY_10S, at("10:00:10"), at("10:00:09.999"), MINUTE, 1000);

    assertThat(plan.due()).isEmpty();
    assertThat(plan.nextRunAt()).isEqualTo(at("10:00:10"));
  }

  @Test
  void instantsOlderThanTheWindowAreMissedAndCountedTheRestFire() {
    TickPlan plan = TickPlan.of(EVERY_10S, at("10:00:10"), at("10:03:27"), MINUTE, 1000);

    assertThat(plan.missed())
        .isEqualTo(new TickPlan.Missed(at("10:00:10"), at("10:02:20"), 14, false));
    assertThat(plan.due()).hasSize(6).startsWith(at("10:02:30")).endsWith(at("10:03:20"));
    assertThat(plan.nextRunAt()).isEqualTo(at("10:03:30"));
  }

  @Test
  void aCronScheduleCountsItsMissedMinutesOneByOne() {
    TickPlan plan = TickPlan.of(EVERY_MINUTE, at("10:00:00"), at("12:00:30"), MINUTE, 1000);

    assertThat(plan.missed())
        .isEqualTo(new TickPlan.Missed(at("10:00:00"), at("11:59:00"), 120, false));
    assertThat(plan.due()).containsExactly(at("12:00:00"));
    assertThat(plan.nextRunAt()).isEqualTo(at("12:01:00"));
  }

  @Test
  void aYearOfEverySecondIsCountedWithoutVisitingEachInstant() {
    ScheduleSpec everySecond = ScheduleSpec.of(schedule(Map.of("intervalSeconds", 1)));
    Instant from = Instant.parse("2029-01-15T10:00:00Z");
    Instant now = Instant.parse("2030-01-15T10:00:00Z");

    TickPlan plan = TickPlan.of(everySecond, from, now, MINUTE, 1000);

    assertThat(plan.missed().count()).isEqualTo(Duration.between(from, now).toSeconds() - 60);
    assertThat(plan.due()).hasSize(61);
    assertThat(plan.nextRunAt()).isEqualTo(now.plusSeconds(1));
  }

  @Test
  void aLongCatchUpStopsAtTheLimitAndGoesOnFromWhereItStopped() {
    TickPlan plan = TickPlan.of(EVERY_10S, at("10:00:00"), at("10:00:59"), MINUTE, 4);

    assertThat(plan.due())
        .containsExactly(at("10:00:00"), at("10:00:10"), at("10:00:20"), at("10:00:30"));
    assertThat(plan.nextRunAt()).isEqualTo(at("10:00:40"));
  }

  private static Instant at(String time) {
    return Instant.parse("2030-01-15T" + time + "Z");
  }
}
