package io.outrun.runner;

import static io.outrun.runner.RunFixtures.node;
import static io.outrun.runner.RunFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventConsumers;
import io.outrun.bus.EventPublisher;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunOutcome;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.service.retention.RetentionSweeper;
import io.outrun.testing.TestInfraInitializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs kept for {@code outrun.retention.runs}, and the case retention must not break: a request
 * delivered again after its run ended and expired does not run again. The runner's clock is moved
 * forward instead of waiting 30 days.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
class RetentionIT {

  @TestConfiguration
  static class Clocks {
    @Bean
    ShiftedClock clock() {
      return new ShiftedClock();
    }
  }

  @Autowired EventPublisher publisher;
  @Autowired EventConsumers consumers;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired RetentionSweeper sweeper;
  @Autowired ShiftedClock clock;

  private RunFixtures runs;

  @BeforeEach
  void fixtures() {
    runs = new RunFixtures(mongo, publisher);
    clock.shift(Duration.ZERO);
  }

  @Test
  void runsHaveATtlIndexOnFinishedAt() {
    IndexInfo index =
        mongo
            .indexOps("runs")
            .getIndexInfo()
            .filter(info -> info.getName().equals("finishedAt_retention"))
            .next()
            .block(RunFixtures.PATIENCE);

    assertThat(index.getExpireAfter()).contains(Duration.ofDays(30));
  }

  @Test
  void aRequestRedeliveredAfterItsRunExpiredDoesNotRunAgain() {
    String workflowId =
        runs.saveWorkflow(
            List.of(node("greet", "log", new Document("message", "Hello {{ $trigger.name }}"))),
            List.of(),
            new Document());
    RunRequested request = request(workflowId, UUID.randomUUID().toString());
    runs.publish(request);
    assertThat(runs.awaitEnded(request.runId()).getString("status")).isEqualTo("completed");

    clock.shift(Duration.ofDays(31));
    assertThat(sweeper.sweep().block(RunFixtures.PATIENCE)).isPositive();
    assertThat(runs.run(request.runId())).isNull();
    runs.publish(request);

    Document again =
        runs.awaitRun(request.runId(), run -> "failed".equals(run.getString("status")));
    assertThat(again.getList("steps", Document.class)).isEmpty();
    assertThat(again.getString("error")).contains("longer ago than runs are kept");
    RunCompleted completed =
        consumers
            .create("retention-it-" + UUID.randomUUID(), Topics.RUN_COMPLETIONS, RunCompleted.class)
            .receive()
            .map(delivery -> delivery.event())
            .filter(event -> event.runId().equals(request.runId()))
            .filter(event -> event.status() == RunOutcome.FAILED)
            .next()
            .block(RunFixtures.PATIENCE);
    assertThat(completed).isNotNull();
  }

  @Test
  void aRunStillRunningOrQueuedIsNeverSwept() {
    Document queued =
        new Document("_id", "queued-" + UUID.randomUUID())
            .append("status", "queued")
            .append("queuedAt", Instant.now().minus(Duration.ofDays(400)));
    mongo.insert(queued, "runs").block(RunFixtures.PATIENCE);
    clock.shift(Duration.ofDays(31));

    sweeper.sweep().block(RunFixtures.PATIENCE);

    assertThat(runs.run(queued.getString("_id"))).isNotNull();
  }

  /** System time moved forward by a settable amount. */
  static final class ShiftedClock extends Clock {

    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    void shift(Duration by) {
      shift.set(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
