package io.outrun.runner.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.*}: how the runner takes run requests from Kafka.
 *
 * @param consumerGroup the Kafka consumer group of all runner replicas
 * @param maxInFlight requests this runner holds whole (running or waiting for their turn); a
 *     request beyond them has its run stored as {@code queued} and is held without its payload
 * @param maxWaiting requests held without their payload beyond {@code max-in-flight}; beyond both
 *     the consumer pauses
 * @param maxRunning runs this runner executes at once, over all workspaces; admitted round-robin
 *     across workspaces, the others wait in their workspace's line (within {@code max-in-flight})
 * @param maxAttempts attempts at a request that keeps failing for a reason other than MongoDB or
 *     Kafka being unreachable; then it goes to the dead-letter topic with the reason
 * @param retryMinBackoff the first wait before a request is retried after it failed
 * @param retryMaxBackoff the longest wait between retries of one request
 * @param shutdownGrace on shutdown, how long runs in progress may take to end before they are
 *     cancelled (and resumed by another runner)
 */
@ConfigurationProperties("outrun.runner")
record IntakeProperties(
    @DefaultValue("outrun-runner") String consumerGroup,
    @DefaultValue("1024") int maxInFlight,
    @DefaultValue("10000") int maxWaiting,
    @DefaultValue("256") int maxRunning,
    @DefaultValue("8") int maxAttempts,
    @DefaultValue("500ms") Duration retryMinBackoff,
    @DefaultValue("30s") Duration retryMaxBackoff,
    @DefaultValue("10s") Duration shutdownGrace) {

  IntakeProperties {
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("outrun.runner.consumer-group must not be blank");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("outrun.runner.max-in-flight must be at least 1");
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("outrun.runner.max-waiting must not be negative");
    }
    if (maxRunning < 1) {
      throw new IllegalArgumentException("outrun.runner.max-running must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("outrun.runner.max-attempts must be at least 1");
    }
    if (retryMinBackoff.isNegative()
        || retryMinBackoff.isZero()
        || retryMaxBackoff.compareTo(retryMinBackoff) < 0) {
      throw new IllegalArgumentException(
          "outrun.runner.retry-min-backoff must be positive and at most retry-max-backoff");
    }
  }

  /** Requests this runner takes from Kafka before it pauses: whole and without payload. */
  int window() {
    return maxInFlight + maxWaiting;
  }
}
