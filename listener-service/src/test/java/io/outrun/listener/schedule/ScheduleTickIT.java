package io.outrun.listener.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.testing.RawKafka;
import io.outrun.testing.TestInfra;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schedule tick against the real MongoDB and Kafka, on a clock of the test's own: each test
 * ticks by hand at the instants it names (the loop that ticks every second is off in this context).
 */
@ListenerSpringTest
class ScheduleTickIT {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Autowired ScheduleTicker ticker;
  @Autowired TriggerRegistry registry;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired JsonMapper json;

  @BeforeEach
  @AfterEach
  void noSchedulesButThisTestsOwn() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
    mongo.remove(Query.query(Criteria.where("type").is("schedule")), "triggers").block(PATIENCE);
    await().atMost(PATIENCE).until(() -> registry.all(TriggerType.SCHEDULE).isEmpty());
  }

  @Test
  void anIntervalScheduleStartsAfterItIsSeenThenFiresEachInstantOnce() {
    Instant now = Instant.parse("2030-01-15T10:00:00.500Z");
    Schedule schedule = schedule(s -> s.config("intervalSeconds", 10));

    assertThat(tick(now).seeded()).isEqualTo(1);
    assertThat(nextRunAt(schedule)).isEqualTo("2030-01-15T10:00:10Z");
    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:00:10Z"));
    assertThat(ticker.hasWork(Instant.parse("2030-01-15T10:00:09.999Z"))).isFalse();

    Instant due = Instant.parse("2030-01-15T10:00:10.002Z");
    assertThat(ticker.hasWork(due)).isTrue();
    TickReport report = tick(due);

    assertThat(report.fired()).isEqualTo(1);
    List<RunRequested> requests = requests(schedule);
    assertThat(requests).hasSize(1);
    RunRequested request = requests.getFirst();
    assertThat(request.eventId())
        .isEqualTo(EventIds.of("schedule", schedule.triggerId(), "2030-01-15T10:00:10Z"));
    assertThat(request.runId()).isEqualTo(EventIds.runIdFor(request.eventId()));
    assertThat(request.workflowVersion()).isEqualTo(3);
    assertThat(request.triggeredBy().type()).isEqualTo(TriggerType.SCHEDULE);
    assertThat(request.triggeredBy().triggerId()).isEqualTo(schedule.triggerId());
    assertThat(request.triggeredBy().payload())
        .containsEntry("scheduledAt", "2030-01-15T10:00:10Z")
        .containsEntry("catchUp", false);
    Document stored = stored(schedule);
    assertThat(stored.getDate("nextRunAt").toInstant()).isEqualTo("2030-01-15T10:00:20Z");
    assertThat(stored.get("schedule", Document.class).getString("lastRunId"))
        .isEqualTo(request.runId());

    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:00:20Z"));
    assertThat(ticker.hasWork(due)).isFalse();
    assertThat(tick(due).fired()).isZero();
    assertThat(requests(schedule)).hasSize(1);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(((Number) stored(schedule).get("triggerCount")).longValue()).isOne());
  }

  @Test
  void afterDowntimeInstantsWithinTheCatchUpWindowFireOnceEachAndOlderOnesAreRecordedAsMissed() {
    Schedule schedule =
        schedule(
            s ->
                s.config("intervalSeconds", 10)
                    .config("catchupWindowSeconds", 60)
                    .config("overlapPolicy", "allow_all"));
    started(schedule, Instant.parse("2030-01-15T10:00:00Z"));
    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:00:10Z"));

    // Down from just before 10:00:10 until 10:03:27: 20 instants passed, 10:00:10 to 10:03:20.
    TickReport report = tick(Instant.parse("2030-01-15T10:03:27Z"));

    assertThat(report.caughtUp()).isEqualTo(6);
    assertThat(report.missed()).isEqualTo(14);
    assertThat(requests(schedule))
        .map(r -> r.triggeredBy().payload().get("scheduledAt"))
        .containsExactly(
            "2030-01-15T10:02:30Z",
            "2030-01-15T10:02:40Z",
            "2030-01-15T10:02:50Z",
            "2030-01-15T10:03:00Z",
            "2030-01-15T10:03:10Z",
            "2030-01-15T10:03:20Z");
    assertThat(requests(schedule))
        .allSatisfy(r -> assertThat(r.triggeredBy().payload()).containsEntry("catchUp", true));
    Document stored = stored(schedule);
    assertThat(stored.getDate("nextRunAt").toInstant()).isEqualTo("2030-01-15T10:03:30Z");
    assertThat(stored.get("schedule", Document.class).get("missedCount")).isEqualTo(14L);
    List<Document> events = events(schedule);
    assertThat(events).hasSize(1);
    Document missed = events.getFirst();
    assertThat(missed.getString("kind")).isEqualTo("missed");
    assertThat(missed.getString("workspaceId")).isEqualTo(StoredDocuments.WORKSPACE);
    assertThat(missed.getDate("from").toInstant()).isEqualTo("2030-01-15T10:00:10Z");
    assertThat(missed.getDate("to").toInstant()).isEqualTo("2030-01-15T10:02:20Z");
    assertThat(missed.get("count")).isEqualTo(14L);
  }

  @Test
  void skipRunsNothingWhileThePreviousRunIsGoingAndRecordsTheSkippedInstant() {
    Schedule schedule =
        schedule(s -> s.config("intervalSeconds", 60).config("overlapPolicy", "skip"));
    started(schedule, Instant.parse("2030-01-15T10:00:00Z"));
    String first = fireAt(schedule, "2030-01-15T10:01:00Z").getFirst();

    // Not stored by a runner yet: still counts as running.
    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:02:00Z"));
    TickReport report = tick(Instant.parse("2030-01-15T10:02:00.002Z"));
    assertThat(report.skipped()).isEqualTo(1);
    assertThat(report.fired()).isZero();

    run(first, "running");
    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:03:00Z"));
    assertThat(tick(Instant.parse("2030-01-15T10:03:00.002Z")).skipped()).isEqualTo(1);

    run(first, "completed");
    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:04:00Z"));
    assertThat(tick(Instant.parse("2030-01-15T10:04:00.002Z")).fired()).isEqualTo(1);

    assertThat(requests(schedule))
        .map(r -> r.triggeredBy().payload().get("scheduledAt"))
        .containsExactly("2030-01-15T10:01:00Z", "2030-01-15T10:04:00Z");
    assertThat(stored(schedule).get("schedule", Document.class).get("skippedCount")).isEqualTo(2L);
    assertThat(events(schedule))
        .extracting(e -> e.getString("kind"), e -> e.getDate("scheduledAt").toInstant().toString())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("skipped", "2030-01-15T10:02:00Z"),
            org.assertj.core.groups.Tuple.tuple("skipped", "2030-01-15T10:03:00Z"));
  }

  @Test
  void bufferOneHoldsOneInstantBackUntilThePreviousRunEndsAndSkipsTheRest() {
    Schedule schedule =
        schedule(s -> s.config("intervalSeconds", 60).config("overlapPolicy", "buffer_one"));
    started(schedule, Instant.parse("2030-01-15T10:00:00Z"));
    String first = fireAt(schedule, "2030-01-15T10:01:00Z").getFirst();
    run(first, "running");

    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:02:00Z"));
    assertThat(tick(Instant.parse("2030-01-15T10:02:00.002Z")).buffered()).isEqualTo(1);
    awaitRegistry(schedule, t -> t.schedule().bufferedAt() != null);
    assertThat(stored(schedule).get("schedule", Document.class).getDate("bufferedAt").toInstant())
        .isEqualTo("2030-01-15T10:02:00Z");

    awaitNextRunAt(schedule, Instant.parse("2030-01-15T10:03:00Z"));
    assertThat(tick(Instant.parse("2030-01-15T10:03:00.002Z")).skipped()).isEqualTo(1);
    // Between instants, a held instant is looked at each tick and stays held while the run goes.
    assertThat(tick(Instant.parse("2030-01-15T10:03:20Z")).fired()).isZero();

    run(first, "failed");
    TickReport released = tick(Instant.parse("2030-01-15T10:03:30Z"));
    assertThat(released.caughtUp()).isEqualTo(1);

    List<RunRequested> requests = requests(schedule);
    assertThat(requests)
        .map(r -> r.triggeredBy().payload().get("scheduledAt"))
        .containsExactly("2030-01-15T10:01:00Z", "2030-01-15T10:02:00Z");
    Document state = stored(schedule).get("schedule", Document.class);
    assertThat(state.get("bufferedAt")).isNull();
    assertThat(state.getString("lastRunId")).isEqualTo(requests.getLast().runId());
    assertThat(stored(schedule).getDate("nextRunAt").toInstant()).isEqualTo("2030-01-15T10:04:00Z");
    assertThat(events(schedule))
        .extracting(e -> e.getString("kind"))
        .contains("buffered", "skipped");
  }

  @Test
  void allowAllRunsEveryInstantWhateverIsRunning() {
    Schedule schedule =
        schedule(s -> s.config("intervalSeconds", 60).config("overlapPolicy", "allow_all"));
    started(schedule, Instant.parse("2030-01-15T10:00:00Z"));
    run(fireAt(schedule, "2030-01-15T10:01:00Z").getFirst(), "running");
    fireAt(schedule, "2030-01-15T10:02:00Z");

    assertThat(requests(schedule)).hasSize(2);
  }

  @Test
  void aPausedWorkflowOrDisabledTriggerFiresNothingAndIsNotStarted() {
    Schedule paused = schedule(s -> s.config("intervalSeconds", 60));
    started(paused, Instant.parse("2030-01-15T10:00:00Z"));
    update("workflows", paused.workflowId(), new Update().set("status", "paused"));
    await().atMost(Duration.ofSeconds(1)).until(() -> registry.find(paused.triggerId()).isEmpty());

    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    insert("workflows", workflow.build());
    StoredDocuments.TriggerBuilder disabled =
        StoredDocuments.trigger(workflow.id(), "schedule")
            .config("intervalSeconds", 60)
            .enabled(false);
    insert("triggers", disabled.build());

    Instant due = Instant.parse("2030-01-15T10:01:00.002Z");
    assertThat(ticker.hasWork(due)).isFalse();
    assertThat(tick(due)).isEqualTo(TickReport.NOTHING);
    assertThat(requests(paused)).isEmpty();
    assertThat(stored("triggers", disabled.id()).get("nextRunAt")).isNull();
  }

  @Test
  void aFixedHourCronSkipsTheSpringForwardGapToItsFirstInstantAfterIt() {
    // America/New_York springs forward on 2030-03-10 at 02:00 EST -> 03:00 EDT: 02:30 is not a
    // time.
    List<Instant> fired =
        fireThrough(
            cron("30 2 * * *", "America/New_York"),
            Instant.parse("2030-03-09T12:00:00Z"),
            Instant.parse("2030-03-11T12:00:00Z"));

    assertThat(fired)
        .containsExactly(
            Instant.parse("2030-03-10T07:00:00Z"), // 03:00 EDT, the first instant after the gap
            Instant.parse("2030-03-11T06:30:00Z")); // 02:30 EDT
  }

  @Test
  void onTheFallBackDayAFixedHourFiresOnceAndAnHourlyScheduleFollowsRealHours() {
    // America/New_York falls back on 2030-11-03 at 02:00 EDT -> 01:00 EST: 01:30 happens twice.
    Instant from = Instant.parse("2030-11-03T03:59:59Z"); // just before 00:00 EDT
    Instant to = Instant.parse("2030-11-04T05:00:00Z"); // 00:00 EST the next day

    assertThat(fireThrough(cron("30 1 * * *", "America/New_York"), from, to))
        .containsExactly(Instant.parse("2030-11-03T05:30:00Z")); // the first 01:30 (EDT)
    List<Instant> hourly = fireThrough(cron("0 * * * *", "America/New_York"), from, to);
    assertThat(hourly).hasSize(25);
    for (int i = 1; i < hourly.size(); i++) {
      assertThat(Duration.between(hourly.get(i - 1), hourly.get(i))).isEqualTo(Duration.ofHours(1));
    }
  }

  // ---------------------------------------------------------------------------------------------

  private record Schedule(String workflowId, String triggerId) {}

  private Schedule schedule(
      java.util.function.UnaryOperator<StoredDocuments.TriggerBuilder> configure) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().deployedVersion(3);
    StoredDocuments.TriggerBuilder trigger =
        configure.apply(StoredDocuments.trigger(workflow.id(), "schedule"));
    insert("workflows", workflow.build());
    insert("triggers", trigger.build());
    Schedule schedule = new Schedule(workflow.id(), trigger.id());
    awaitRegistry(schedule, t -> true);
    return schedule;
  }

  private java.util.function.UnaryOperator<StoredDocuments.TriggerBuilder> cron(
      String cron, String zone) {
    return s ->
        s.config("cron", cron).config("timezone", zone).config("overlapPolicy", "allow_all");
  }

  /** Seeds the schedule at {@code at}. */
  private void started(Schedule schedule, Instant at) {
    assertThat(tick(at).seeded()).isGreaterThanOrEqualTo(1);
    awaitRegistry(schedule, t -> t.schedule().nextRunAt() != null);
  }

  /** Ticks just after the schedule's next instant, which must be {@code instant}; the run ids. */
  private List<String> fireAt(Schedule schedule, String instant) {
    Instant at = Instant.parse(instant);
    awaitNextRunAt(schedule, at);
    int before = requests(schedule).size();
    TickReport report = tick(at.plusMillis(2));
    assertThat(report.fired()).isEqualTo(1);
    List<RunRequested> requests = requests(schedule);
    assertThat(requests).hasSize(before + 1);
    return List.of(requests.getLast().runId());
  }

  /** Starts the schedule at {@code from}, then ticks at each next instant until {@code to}. */
  private List<Instant> fireThrough(
      java.util.function.UnaryOperator<StoredDocuments.TriggerBuilder> configure,
      Instant from,
      Instant to) {
    Schedule schedule = schedule(configure);
    started(schedule, from);
    List<Instant> fired = new ArrayList<>();
    Instant next = nextRunAt(schedule);
    while (next.isBefore(to)) {
      awaitNextRunAt(schedule, next);
      int count = tick(next.plusMillis(2)).fired();
      assertThat(count).isEqualTo(1);
      fired.add(next);
      Instant after = nextRunAt(schedule);
      assertThat(after).isAfter(next);
      next = after;
    }
    assertThat(requests(schedule))
        .map(r -> Instant.parse((String) r.triggeredBy().payload().get("scheduledAt")))
        .containsExactlyElementsOf(fired);
    return fired;
  }

  private TickReport tick(Instant now) {
    return Objects.requireNonNull(ticker.tick(now).block(Duration.ofSeconds(30)));
  }

  private void awaitRegistry(Schedule schedule, Predicate<FireableTrigger> condition) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> registry.find(schedule.triggerId()).filter(condition).isPresent());
  }

  private void awaitNextRunAt(Schedule schedule, Instant instant) {
    awaitRegistry(schedule, t -> instant.equals(t.schedule().nextRunAt()));
  }

  private Instant nextRunAt(Schedule schedule) {
    return stored(schedule).getDate("nextRunAt").toInstant();
  }

  private List<RunRequested> requests(Schedule schedule) {
    return new RawKafka(TestInfra.shared().kafkaBootstrapServers())
        .readAll(Topics.RUN_REQUESTS, schedule.workflowId()).stream()
            .map(record -> json.readValue(record.value(), RunRequested.class))
            .toList();
  }

  private void run(String runId, String status) {
    Query query = Query.query(Criteria.where("_id").is(runId));
    mongo
        .upsert(query, new Update().set("status", status).set("queuedAt", new Date()), "runs")
        .block(PATIENCE);
  }

  private Document stored(Schedule schedule) {
    return stored("triggers", schedule.triggerId());
  }

  private Document stored(String collection, String id) {
    return mongo
        .findOne(Query.query(Criteria.where("_id").is(id)), Document.class, collection)
        .block(PATIENCE);
  }

  private List<Document> events(Schedule schedule) {
    return mongo
        .find(
            Query.query(Criteria.where("triggerId").is(schedule.triggerId())),
            Document.class,
            io.outrun.listener.history.TriggerEventStore.COLLECTION)
        .collectList()
        .block(PATIENCE);
  }

  private void insert(String collection, Document document) {
    mongo.insert(document, collection).block(PATIENCE);
  }

  private void update(String collection, String id, Update update) {
    mongo
        .updateFirst(Query.query(Criteria.where("_id").is(id)), update, collection)
        .block(PATIENCE);
  }
}
