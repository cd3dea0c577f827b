package io.outrun.runner.intake;

import io.outrun.events.RunRequested;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** How the intake retries a request's attempts, and the two ways it stops retrying. */
final class RequestRetries {

  private static final Logger log = LoggerFactory.getLogger(RequestRetries.class);

  private RequestRetries() {}

  /**
   * Retries with exponential backoff and jitter: without end while MongoDB or Kafka is unreachable,
   * up to {@code max-attempts} attempts in all for other failures; not at all for a failure no
   * attempt will escape (the run cannot be stored) or a request whose run id is not its own.
   */
  static Retry of(RunRequested request, IntakeProperties properties) {
    return Retry.from(
        signals ->
            signals.concatMap(
                signal -> {
                  long attempts = signal.totalRetries() + 1;
                  Throwable failure = signal.failure();
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
                  return Mono.delay(backoff(signal.totalRetries(), properties));
                }));
  }

  private static Duration backoff(long retries, IntakeProperties properties) {
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
