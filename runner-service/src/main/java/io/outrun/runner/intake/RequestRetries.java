package io.outrun.runner.intake;

import io.outrun.events.RunRequested;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * When a failed run request is tried again: without end while MongoDB or Kafka is unreachable, up
 * to {@code max-attempts} attempts in all for other failures, with exponential backoff and jitter;
 * not at all for a failure no attempt will escape (the run cannot be stored: {@link Unrunnable}), a
 * request whose run id is not its own ({@link GiveUp}) or one handed to another runner ({@link
 * Admission.HandedOver}).
 */
final class RequestRetries {

  private static final Logger log = LoggerFactory.getLogger(RequestRetries.class);

  private final IntakeProperties properties;

  RequestRetries(IntakeProperties properties) {
    this.properties = properties;
  }

  /** The retries of one request's attempts. */
  Retry of(RunRequested request) {
    return Retry.from(
        signals ->
            signals.concatMap(
                signal -> {
                  long attempts = signal.totalRetries() + 1;
                  Throwable failure = signal.failure();
                  if (failure instanceof Admission.HandedOver) {
                    return Mono.error(failure);
                  }
                  Failures.Kind kind = Failures.classify(failure);
                  if (kind == Failures.Kind.FOREIGN) {
                    return Mono.error(new GiveUp(Failures.describe(failure), failure));
                  }
                  if (kind == Failures.Kind.UNSTORABLE
                      || (kind == Failures.Kind.TRANSIENT
                          && attempts >= properties.maxAttempts())) {
                    return Mono.error(new Unrunnable(attempts, failure));
                  }
                  log.warn(
                      "Run request {} failed (attempt {}); retrying it",
                      request.eventId(),
                      attempts,
                      failure);
                  return Mono.delay(backoff(signal.totalRetries()));
                }));
  }

  /** Retries while MongoDB or Kafka is unreachable, with the same backoff bounds. */
  Retry duringOutages() {
    return Retry.backoff(Long.MAX_VALUE, properties.retryMinBackoff())
        .maxBackoff(properties.retryMaxBackoff())
        .filter(Failures::isOutage);
  }

  private Duration backoff(long retries) {
    long min = properties.retryMinBackoff().toMillis();
    long max = properties.retryMaxBackoff().toMillis();
    long ceiling = retries >= 30 ? max : Math.min(max, min << retries);
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  /** A request no attempt can run: the message is the reason its run fails with. */
  static final class Unrunnable extends RuntimeException {
    Unrunnable(long attempts, Throwable cause) {
      super(
          (attempts == 1 ? "" : "gave up after " + attempts + " attempts: ")
              + Failures.describe(cause),
          cause);
    }
  }

  /** A request given up on: the message is the reason the dead letter carries. */
  static final class GiveUp extends RuntimeException {
    GiveUp(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
