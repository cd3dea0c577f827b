package io.outrun.listener.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.listener.ListenerInstances;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.StoredDocuments;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two real listener applications, each running the schedule loop on the real clock against the same
 * MongoDB database and Kafka, and one schedule firing every second for twenty seconds: every
 * instant is requested exactly once, none is missed. Twenty instants are enough for the replicas to
 * contend for the lock many times; the property does not need a longer run.
 */
class ScheduleReplicasIT {

  private static final Duration RUN_FOR = Duration.ofSeconds(20);

  private final String database = "schedules-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void twoReplicasRequestEachInstantOfAnEverySecondScheduleExactlyOnce() {
    try (ConfigurableApplicationContext first = listener();
        ConfigurableApplicationContext second = listener()) {
      ReactiveMongoTemplate mongo = first.getBean(ReactiveMongoTemplate.class);
      StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
      StoredDocuments.TriggerBuilder trigger =
          StoredDocuments.trigger(workflow.id(), "schedule")
              .config("intervalSeconds", 1)
              .config("overlapPolicy", "allow_all");
      mongo.insert(workflow.build(), "workflows").block();
      mongo.insert(trigger.build(), "triggers").block();

      Instant firstInstant =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> nextRunAt(mongo, trigger.id()), at -> at != null);
      Instant lastInstant = firstInstant.plus(RUN_FOR).minusSeconds(1);
      await()
          .atMost(RUN_FOR.plusSeconds(15))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> nextRunAt(mongo, trigger.id()), at -> at.isAfter(lastInstant));

      JsonMapper json = first.getBean(JsonMapper.class);
      List<Instant> requested =
          new RawKafka(TestInfra.shared().kafkaBootstrapServers())
              .readAll(Topics.RUN_REQUESTS, workflow.id()).stream()
                  .map(record -> json.readValue(record.value(), RunRequested.class))
                  .map(r -> Instant.parse((String) r.triggeredBy().payload().get("scheduledAt")))
                  .filter(at -> !at.isAfter(lastInstant))
                  .toList();
      Map<Instant, Long> perInstant =
          requested.stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

      assertThat(perInstant).as("each instant once").allSatisfy((at, n) -> assertThat(n).isOne());
      assertThat(perInstant.keySet())
          .as("none missed")
          .containsExactlyInAnyOrderElementsOf(
              firstInstant.getEpochSecond() <= lastInstant.getEpochSecond()
                  ? java.util.stream.LongStream.rangeClosed(
                          firstInstant.getEpochSecond(), lastInstant.getEpochSecond())
                      .mapToObj(Instant::ofEpochSecond)
                      .toList()
                  : List.of());
      assertThat(perInstant).hasSize((int) RUN_FOR.toSeconds());
      double locked =
          ticks(first, ListenerMetrics.OUTCOME_LOCKED)
              + ticks(second, ListenerMetrics.OUTCOME_LOCKED);
      assertThat(locked).as("the replicas contended for the lock").isPositive();
      // Not a tick per instant: on a loaded machine one late tick may fire two instants (each
      // once).
      assertThat(
              ticks(first, ListenerMetrics.OUTCOME_TICKED)
                  + ticks(second, ListenerMetrics.OUTCOME_TICKED))
          .isPositive();
    }
  }

  private static double ticks(ConfigurableApplicationContext listener, String outcome) {
    var timer =
        listener
            .getBean(MeterRegistry.class)
            .find(ListenerMetrics.SCHEDULE_TICKS)
            .tag(ListenerMetrics.OUTCOME, outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private static Instant nextRunAt(ReactiveMongoTemplate mongo, String triggerId) {
    Document trigger =
        mongo
            .findOne(Query.query(Criteria.where("_id").is(triggerId)), Document.class, "triggers")
            .block();
    return trigger == null || trigger.getDate("nextRunAt") == null
        ? null
        : trigger.getDate("nextRunAt").toInstant();
  }

  private ConfigurableApplicationContext listener() {
    return ListenerInstances.start(database, "--outrun.listener.schedule.enabled=true");
  }
}
