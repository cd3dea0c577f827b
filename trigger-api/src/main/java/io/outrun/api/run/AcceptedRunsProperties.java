package io.outrun.api.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.api.runs.*}: how accepted runs are recorded as queued ({@link AcceptedRuns}).
 *
 * @param recordBatch the most runs one bulk write records
 * @param recordLinger the least time between the starts of two bulk writes; a run accepted while
 *     none is under way is written at once
 */
@ConfigurationProperties("outrun.api.runs")
record AcceptedRunsProperties(
    @DefaultValue("500") int recordBatch, @DefaultValue("5ms") Duration recordLinger) {

  AcceptedRunsProperties {
    if (recordBatch < 1) {
      throw new IllegalArgumentException("outrun.api.runs.record-batch must be at least 1");
    }
    if (recordLinger.isNegative()) {
      throw new IllegalArgumentException("outrun.api.runs.record-linger must not be negative");
    }
  }
}
