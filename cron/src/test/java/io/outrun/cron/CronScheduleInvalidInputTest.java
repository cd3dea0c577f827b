package io.outrun.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleInvalidInputTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "abc",
        "0 0 * *",
        "0 0 * * * *",
        "0 0 0 * * * 2026",
        "60 * * * *",
        "* 24 * * *",
        "0 0 0 * *",
        "0 0 32 * *",
        "0 0 * 0 *",
        "0 0 * 13 *",
        "0 0 * * 8",
        "-1 * * * *",
        "99999999999 * * * *",
        "0 0 * FOO *",
        "0 0 * * MONDAY",
        "0 0 * JAN-MON *",
        "*/0 * * * *",
        "*/60 * * * *",
        "*/ * * * *",
        "1/2/3 * * * *",
        "5-1 * * * *",
        "1-2-3 * * * *",
        "1- * * * *",
        "1,,2 * * * *",
        "1, * * * *",
        "0 0 L * *",
        "0 0 1W * *",
        "0 0 ? * MON",
        "0 0 * * 5#3",
        "0 0 * * 5L",
        "@reboot",
        "@every 5m",
        "@daily extra",
        "0 0 30 2 *",
        "0 0 31 4 *",
        "0 0 31 4,6,9,11 *",
        "0 0 30-31 2 *",
        "0 0 30 2 */2"
      })
  void invalidExpressionIsInvalidWithAReason(String expression) {
    CronSchedule.Parsed parsed = CronSchedule.parse(expression);

    assertThat(parsed).isInstanceOf(CronSchedule.Parsed.Invalid.class);
    assertThat(((CronSchedule.Parsed.Invalid) parsed).reason()).isNotBlank();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "0 0 * *            | expected 5 fields (minute hour day-of-month month day-of-week) but found 4",
        "60 * * * *         | minute: 60 is out of range 0-59",
        "0 0 * FOO *        | month: 'FOO' is not a valid value (use 1-12 or JAN-DEC)",
        "0 0 * * 8          | day-of-week: 8 is out of range 0-7",
        "*/0 * * * *        | minute: step 0 is out of range 1-59",
        "0 5-1 * * *        | hour: range 5-1 goes backwards",
        "0 0 30 2 *         | never fires: day-of-month 30 does not occur in February",
        "0 0 31 4,6 *       | never fires: day-of-month 31 does not occur in April, June",
        "@reboot            | @reboot is not supported: a schedule fires at clock times",
        "\"\"                 | a cron expression is required"
      })
  void reasonNamesTheProblem(String expression, String reason) {
    assertThat(CronSchedule.parse(expression)).isEqualTo(new CronSchedule.Parsed.Invalid(reason));
  }

  @Test
  void randomJunkNeverThrows() {
    Random random = new Random(42);
    String alphabet = "0123456789*/-,@ ?#LWjanMONfri\t";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder junk = new StringBuilder();
      int length = random.nextInt(24);
      for (int c = 0; c < length; c++) {
        junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String expression = junk.toString();
      assertThatCode(() -> CronSchedule.parse(expression))
          .as(expression)
          .doesNotThrowAnyException();
    }
  }
}
