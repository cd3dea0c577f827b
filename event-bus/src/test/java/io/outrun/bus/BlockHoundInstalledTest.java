package io.outrun.bus;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** test-support installs BlockHound in every test JVM: prove it catches a blocking call. */
class BlockHoundInstalledTest {

  @Test
  void blockingOnAReactorThreadFailsTheTest() {
    Mono<Void> sleepsOnParallelThread =
        Mono.<Void>fromRunnable(
                () -> {
                  try {
                    Thread.sleep(1);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })
            .subscribeOn(Schedulers.parallel());

    StepVerifier.create(sleepsOnParallelThread)
        .expectError(BlockingOperationError.class)
        .verify(Duration.ofSeconds(5));
  }
}
