package io.outrun.runner.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.runner.*}: how the runner takes run requests from Kafka.
 *
 * @param consumerGroup the Kafka consumer group of all runner replicas
 * @param retryMinBackoff the first wait before a request is retried after MongoDB or Kafka failed
 * @param retryMaxBackoff the longest wait between retries of one request
 */
@ConfigurationProperties("outrun.runner")
record IntakeProperties(
    @DefaultValue("outrun-runner") String consumerGroup,
    @DefaultValue("500ms") Duration retryMinBackoff,
    @DefaultValue("30s") Duration retryMaxBackoff) {

  IntakeProperties {
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("outrun.runner.consumer-group must not be blank");
    }
    if (retryMinBackoff.isNegative()
        || retryMinBackoff.isZero()
        || retryMaxBackoff.compareTo(retryMinBackoff) < 0) {
      throw new IllegalArgumentException(
          "outrun.runner.retry-min-backoff must be positive and at most retry-max-backoff");
    }
  }
}
