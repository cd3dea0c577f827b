package io.outrun.cron;

import static io.outrun.cron.CronTestSupport.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CronScheduleDescriptionTest {

  @Test
  void fixedTimeIsDescribedWithItsClockTime() {
    assertThat(schedule("0 2 * * *").description()).isEqualTo("At 02:00");
  }

  @Test
  void macroIsDescribedByItsExpandedForm() {
    assertThat(schedule("@daily").description()).isEqualTo("At 00:00");
    assertThat(schedule("@hourly").description()).isEqualTo("Every hour");
  }

  @Test
  void namesAreDescribedAsDays() {
    assertThat(schedule("0 9 * * mon-fri").description()).contains("Monday").contains("Friday");
    assertThat(schedule("0 9 * * SUN-SAT").description()).contains("Sunday").contains("Saturday");
  }

  @Test
  void expressionKeepsTheTextAsGiven() {
    assertThat(schedule("  @weekly ").expression()).isEqualTo("@weekly");
    assertThat(schedule("0 9 * * mon-fri").expression()).isEqualTo("0 9 * * mon-fri");
  }
}
