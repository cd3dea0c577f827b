package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class AnnouncementsTest {

  private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(5);

  @Test
  void anAnnouncementIsSentAtOnceAndOnlyOnce() {
    Announcements announcements = new Announcements();
    AtomicInteger sent = new AtomicInteger();

    announcements.send(Mono.fromRunnable(sent::incrementAndGet));

    assertThat(sent).hasValue(1); // nobody waited for it yet
    StepVerifier.create(announcements.acknowledged()).expectComplete().verify(REAL_TIME_LIMIT);
    StepVerifier.create(announcements.acknowledged()).expectComplete().verify(REAL_TIME_LIMIT);
    assertThat(sent).hasValue(1);
  }

  @Test
  void acknowledgedWaitsForTheSlowestAnnouncement() {
    StepVerifier.withVirtualTime(
            () -> {
              Announcements announcements = new Announcements();
              announcements.send(Mono.delay(Duration.ofMillis(10)).then());
              announcements.send(Mono.delay(Duration.ofMillis(300)).then());
              return announcements.acknowledged();
            })
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(299))
        .thenAwait(Duration.ofMillis(1))
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
  }

  @Test
  void aFailedAnnouncementFailsTheWaitNotTheSender() {
    Announcements announcements = new Announcements();

    announcements.send(Mono.error(new IllegalStateException("Kafka is unreachable")));
    announcements.send(Mono.empty());

    StepVerifier.create(announcements.acknowledged())
        .expectErrorMessage("Kafka is unreachable")
        .verify(REAL_TIME_LIMIT);
  }

  @Test
  void nothingSentIsAcknowledgedAtOnce() {
    StepVerifier.create(new Announcements().acknowledged())
        .expectComplete()
        .verify(REAL_TIME_LIMIT);
  }
}
