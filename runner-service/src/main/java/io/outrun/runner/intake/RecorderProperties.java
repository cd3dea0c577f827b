package io.outrun.runner.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.recorder.*}: the consumer that records a run request's run as queued as soon
 * as it is on Kafka, unless its publisher records it ({@link RunRecorder}).
 *
 * @param enabled whether this runner replica records (every replica may: recording is idempotent)
 * @param consumerGroup its Kafka consumer group, apart from the executing runners' group
 * @param batchSize requests recorded in one bulk write at most
 * @param linger how long a batch waits for more requests before it is written: the recorder is off
 *     the runs' way to execution (the runner creates a run it starts itself), so waiting costs no
 *     run any time, only delays showing a run no runner has started yet as {@code queued}; at 5 ms
 *     a request arriving alone was a bulk write of its own, about one {@code update} per run at low
 *     and moderate rates, at 50 ms one write covers every request of 50 ms
 * @param fetchWait how long the broker may hold the recorder's fetch to answer with many requests
 *     at once: a fetch per this wait, not one per request, and an idle recorder costs the broker no
 *     more than a prompt consumer (500 ms is Kafka's own wait for an empty fetch); a run nobody
 *     else records shows as queued up to this much later
 */
@ConfigurationProperties("outrun.runner.recorder")
record RecorderProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("outrun-runner-recorder") String consumerGroup,
    @DefaultValue("500") int batchSize,
    @DefaultValue("50ms") Duration linger,
    @DefaultValue("500ms") Duration fetchWait) {

  RecorderProperties {
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("outrun.runner.recorder.consumer-group must not be blank");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("outrun.runner.recorder.batch-size must be at least 1");
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("outrun.runner.recorder.linger must not be negative");
    }
    if (fetchWait.isNegative()) {
      throw new IllegalArgumentException("outrun.runner.recorder.fetch-wait must not be negative");
    }
  }
}
