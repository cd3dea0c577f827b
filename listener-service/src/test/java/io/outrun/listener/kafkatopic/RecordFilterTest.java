package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kafka_topic filter: true runs the record, anything else skips it, a failure is a value. */
class RecordFilterTest {

  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Map<String, Object> PAYLOAD =
      Map.of("key", "k1", "value", Map.of("total", 150));

  @Test
  void onlyTrueRunsTheRecord() {
    assertThat(RecordFilter.of("value.total > 100", TIMEOUT).test(PAYLOAD))
        .isInstanceOf(RecordFilter.Runs.class);
    assertThat(RecordFilter.of("value.total > 200", TIMEOUT).test(PAYLOAD))
        .isInstanceOf(RecordFilter.Skipped.class);
    assertThat(RecordFilter.of("value.total", TIMEOUT).test(PAYLOAD))
        .as("a truthy value that is not true")
        .isInstanceOf(RecordFilter.Skipped.class);
    assertThat(RecordFilter.of("$trigger.key = 'k1'", TIMEOUT).test(PAYLOAD))
        .isInstanceOf(RecordFilter.Runs.class);
  }

  @Test
  void noFilterRunsEveryRecord() {
    assertThat(RecordFilter.of(null, TIMEOUT).test(PAYLOAD)).isInstanceOf(RecordFilter.Runs.class);
  }

  @Test
  void anEndlessExpressionIsStoppedAndReportedAsAFailure() {
    RecordFilter.Verdict verdict =
        RecordFilter.of("($f := function($x) { $f($x + 1) }; $f(0))", TIMEOUT).test(PAYLOAD);

    assertThat(verdict).isInstanceOf(RecordFilter.Failed.class);
  }

  @Test
  void anExpressionThatFailsIsAFailureWithTheReason() {
    RecordFilter.Verdict verdict = RecordFilter.of("$number('x') > 1", TIMEOUT).test(PAYLOAD);

    assertThat(verdict).isInstanceOf(RecordFilter.Failed.class);
    assertThat(((RecordFilter.Failed) verdict).reason()).startsWith("the filter failed: ");
  }

  @Test
  void namesThatWouldSwitchTheBoundsOffAreRefused() {
    assertThatThrownBy(() -> RecordFilter.of("$__evaluate_entry := 1", TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
