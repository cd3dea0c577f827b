package io.outrun.listener.kafkatopic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  void oneFilterDecidesRightForRecordsOfManyPartitionsAtOnce() throws Exception {
    // a trigger's partitions are handled concurrently (TopicConsumer): one filter, many threads
    RecordFilter filter =
        RecordFilter.of("value.n % 2 = 0 and $trigger.key = 'k' & value.n", TIMEOUT);
    List<Callable<Boolean>> checks = new ArrayList<>();
    for (int n = 0; n < 4_000; n++) {
      Map<String, Object> payload = Map.of("key", "k" + n, "value", Map.of("n", n));
      boolean even = n % 2 == 0;
      checks.add(() -> filter.test(payload) instanceof RecordFilter.Runs == even);
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      for (Future<Boolean> check : threads.invokeAll(checks)) {
        assertThat(check.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
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
