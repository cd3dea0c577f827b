package io.outrun.listener.datachange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.EventIds;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.history.TriggerEventKind;
import io.outrun.listener.history.TriggerEventStore;
import io.outrun.service.claimcheck.RunPayloads;
import io.outrun.service.claimcheck.StoredPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data-change triggers against the real MongoDB (change streams) and Kafka: what is requested for
 * which change, gaps, invalidation, refusal, leases and quiet positions. Each test watches a
 * collection of its own and leaves nothing a later one could trip on (the oplog is never trimmed),
 * so they run in a random order: an order dependence shows up as a failure.
 */
@ListenerSpringTest
@TestMethodOrder(MethodOrderer.Random.class)
@TestPropertySource(
    properties = {
      "outrun.listener.data-change.heartbeat=300ms",
      "outrun.listener.data-change.lease-duration=1s",
      "outrun.listener.data-change.position-refresh=300ms",
      "outrun.listener.data-change.min-backoff=100ms",
      "outrun.listener.data-change.clock-skew=" + DataChangeIT.CLOCK_SKEW_SECONDS + "s",
      // lowered from 15 MB so a change too large even to store aside is cheap to make
      "outrun.claim-check.max-payload-size=2MB"
    })
class DataChangeIT {

  static final int CLOCK_SKEW_SECONDS = 1;
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /** Older than any oplog entry of the test MongoDB, in-process or real. */
  private static final Instant FALLEN_OFF = Instant.parse("2001-01-01T00:00:00Z");

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired DataChangeWatchers watchers;
  @Autowired JsonMapper json;
  @Autowired MeterRegistry meters;
  @Autowired RunPayloads payloads;

  private final String collection = "leads_" + UUID.randomUUID().toString().substring(0, 8);
  private final StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();

  @Test
  void eachMatchingInsertUpdateReplaceOrDeleteRequestsOneRunAndNothingElseDoes() {
    String hot =
        watch(
            t ->
                t.config("operations", List.of("insert", "update", "replace"))
                    .config("filter", Map.of("fullDocument.status", "hot")));
    String deletes = watch(t -> t.config("operations", List.of("delete")));

    insert(new Document("_id", "h1").append("status", "hot")); // insert, hot
    insert(new Document("_id", "c1").append("status", "cold")); // insert, not hot
    mongo
        .updateFirst(byId("c1"), Update.update("status", "hot"), collection)
        .block(); // update, hot
    insert(new Document("_id", "c2").append("status", "cold")); // insert, not hot
    mongo.updateFirst(byId("c2"), Update.update("status", "warm"), collection).block(); // not hot
    mongo
        .getCollection(collection)
        .flatMap(
            c ->
                Mono.from(
                    c.replaceOne(
                        new Document("_id", "h1"), new Document("status", "hot").append("v", 2))))
        .block(); // replace, hot
    mongo.remove(byId("c2"), collection).block(); // delete
    insert(new Document("_id", "last").append("status", "hot")); // after all the others

    List<RunRequested> requests = awaitRequests(hot, 4);
    assertThat(requests)
        .extracting(r -> r.triggeredBy().payload().get("operationType"))
        .containsExactly("insert", "update", "replace", "insert");
    assertThat(requests)
        .extracting(KafkaRunRequests::documentId)
        .containsExactly("h1", "c1", "h1", "last");
    RunRequested update = requests.get(1);
    assertThat(update.triggeredBy().type()).isEqualTo(TriggerType.DATA_CHANGE);
    assertThat(update.triggeredBy().payload())
        .containsEntry("ns", Map.of("db", database(), "coll", collection))
        .containsEntry("fullDocument", Map.of("_id", "c1", "status", "hot"))
        .containsKey("clusterTime");
    assertThat(update.workflowVersion()).isEqualTo(3);
    assertThat(update.triggeredBy().payload()).doesNotContainKey("_id"); // the token is the id
    assertThat(update.runId()).isEqualTo(EventIds.runIdFor(update.eventId()));
    assertThat(requests.get(2).triggeredBy().payload())
        .containsEntry("fullDocument", Map.of("_id", "h1", "status", "hot", "v", 2));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(meters.get(ListenerMetrics.DATA_CHANGE_LAG).timer().count())
                    .as("each published change's lag since its cluster time")
                    .isGreaterThanOrEqualTo(4));

    List<RunRequested> deleted = awaitRequests(deletes, 1);
    assertThat(deleted.getFirst().triggeredBy().payload())
        .containsEntry("operationType", "delete")
        .containsEntry("documentKey", Map.of("_id", "c2"))
        .doesNotContainKey("fullDocument");
  }

  @Test
  void aDocumentTooLargeForKafkaRunsWithItsChangeStoredAside() {
    String trigger = watch(UnaryOperator.identity());
    String text = "x".repeat(1536 * 1024);

    insert(new Document("_id", "big").append("text", text));

    RunRequested request = awaitRequests(trigger, 1).getFirst();
    assertThat(request.triggeredBy().payload()).isEmpty();
    assertThat(request.triggeredBy().payloadRef()).isNotNull();
    assertThat(storedAside(request))
        .containsEntry("operationType", "insert")
        .containsEntry("documentKey", Map.of("_id", "big"))
        .containsEntry("fullDocument", Map.of("_id", "big", "text", text));
  }

  @Test
  void aDocumentTooLargeEvenToStoreAsideRunsWithoutItsFullDocument() {
    String trigger = watch(UnaryOperator.identity());

    insert(new Document("_id", "huge").append("text", "x".repeat(3 * 1024 * 1024)));
    insert(new Document("_id", "after"));

    List<RunRequested> requests = awaitRequests(trigger, 2);
    assertThat(requests.getFirst().triggeredBy().payload())
        .containsEntry("operationType", "insert")
        .containsEntry("documentKey", Map.of("_id", "huge"))
        .containsEntry("omitted", List.of("fullDocument"))
        .doesNotContainKey("fullDocument");
    assertThat(KafkaRunRequests.documentId(requests.get(1))).isEqualTo("after");
  }

  private Map<String, Object> storedAside(RunRequested request) {
    StoredPayload stored = payloads.find(request.triggeredBy().payloadRef()).block();
    assertThat(stored).isInstanceOf(StoredPayload.Found.class);
    return ((StoredPayload.Found) stored).payload();
  }

  @Test
  void aReplayedChangeHasTheSameEventIdSoItNamesTheSameRun() {
    String trigger = watch(UnaryOperator.identity());
    insert(new Document("_id", "once"));
    // the position names the change's token until a quiet refresh moves it on
    Document position =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(20))
            .until(() -> storedPosition(trigger), p -> "RESUME".equals(p.getString("kind")));
    String token = position.get("token", Document.class).getString("_data");
    RunRequested first = awaitRequests(trigger, 1).getFirst();

    assertThat(first.eventId()).isEqualTo(EventIds.of("data_change", trigger, token));
  }

  @Test
  void aPositionFallenOffTheOplogIsAGapAndTheStreamGoesOnFromThePresent() {
    String trigger = watch(UnaryOperator.identity());
    setEnabled(trigger, false);
    await().atMost(PATIENCE).until(() -> !watchers.watching().contains(trigger));

    // A position from before the oplog's first entry, as one left by a listener that was down
    // longer than the oplog reaches back. (The shared oplog is not trimmed: every later stream of
    // this JVM would find its start behind it.)
    Date fallenOff = storeTimePosition(trigger, FALLEN_OFF);
    setEnabled(trigger, true);
    await().atMost(PATIENCE).until(() -> gaps(trigger).size() == 1);
    Document gap = gaps(trigger).getFirst();
    Document restart = awaitStreamOpenFrom(trigger, fallenOff);
    insert(new Document("_id", "after"));

    assertThat(awaitRequests(trigger, 1))
        .extracting(KafkaRunRequests::documentId)
        .containsExactly("after");
    assertThat(gap.getString("detail")).contains("fallen off the oplog");
    assertThat(gap.getDate("from")).isEqualTo(fallenOff);
    assertThat(gap.getString("workflowId")).isEqualTo(workflow.id());
    assertThat(restart.getString("kind")).isEqualTo("TIME");
    assertThat(restart.getDate("time").toInstant())
        .isAfter(gap.getDate("to").toInstant().minus(CLOCK_SKEW).minusSeconds(1));
    assertThat(counter(ListenerMetrics.DATA_CHANGE_GAPS, "history_lost")).isPositive();
  }

  @Test
  void aDroppedCollectionIsAGapAndTheStreamSeesItRecreated() {
    String trigger = watch(UnaryOperator.identity());
    insert(new Document("_id", "before-drop"));
    awaitRequests(trigger, 1);

    mongo.dropCollection(collection).block();
    await().atMost(PATIENCE).until(() -> gaps(trigger).size() == 1);
    insert(new Document("_id", "recreated"));

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> requests(trigger).size() == 2);
    assertThat(requests(trigger))
        .extracting(KafkaRunRequests::documentId)
        .containsExactly("before-drop", "recreated");
    assertThat(gaps(trigger).getFirst().getString("detail")).contains("drop");
    assertThat(counter(ListenerMetrics.DATA_CHANGE_GAPS, "invalidated")).isPositive();
  }

  @Test
  void outrunsOwnCollectionIsNeverWatchedAndTheRefusalIsRecorded() {
    mongo.insert(workflow.build(), "workflows").block();
    StoredDocuments.TriggerBuilder runs =
        StoredDocuments.trigger(workflow.id(), "data_change").config("collection", "runs");
    mongo.insert(runs.build(), "triggers").block();

    await().atMost(PATIENCE).until(() -> history(runs.id(), TriggerEventKind.REFUSED).size() == 1);
    assertThat(history(runs.id(), TriggerEventKind.REFUSED).getFirst().getString("detail"))
        .contains("'runs' is one of Outrun's own collections");
    assertThat(watchers.watching()).doesNotContain(runs.id());
    assertThat(mongo.findById(runs.id(), Document.class, StreamPositionStore.COLLECTION).block())
        .isNull();
    assertThat(mongo.findById(runs.id(), Document.class, StreamLeaseStore.COLLECTION).block())
        .isNull();
    assertThat(meters.find(ListenerMetrics.DATA_CHANGE_REFUSED).counter().count()).isPositive();
  }

  @Test
  void aLiveLeaseOfAnotherReplicaKeepsThisOneOffUntilItExpires() {
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.trigger(workflow.id(), "data_change").config("collection", collection);
    Instant expires = Instant.now().plusSeconds(2);
    mongo
        .insert(
            new Document("_id", trigger.id())
                .append("owner", "ghost")
                .append("expiresAt", Date.from(expires)),
            StreamLeaseStore.COLLECTION)
        .block();
    mongo.insert(workflow.build(), "workflows").block();
    mongo.insert(trigger.build(), "triggers").block();

    await().atMost(PATIENCE).until(() -> watchers.watching().contains(trigger.id()));
    assertThat(Instant.now()).isAfterOrEqualTo(expires);
    assertThat(mongo.findById(trigger.id(), Document.class, StreamLeaseStore.COLLECTION).block())
        .containsEntry("owner", watchers.owner());
    awaitStreamOpen(trigger.id());
    insert(new Document("_id", "taken-over"));
    assertThat(awaitRequests(trigger.id(), 1))
        .extracting(KafkaRunRequests::documentId)
        .containsExactly("taken-over");
  }

  @Test
  void aQuietStreamKeepsItsPositionFreshWithoutRequestingAnything() {
    String trigger = watch(t -> t.config("filter", Map.of("fullDocument.status", "hot")));
    Date first = storedPosition(trigger).getDate("time");
    insert(new Document("_id", "cold").append("status", "cold"));

    await()
        .atMost(PATIENCE)
        .until(
            () -> storedPosition(trigger).getDate("time").after(new Date(first.getTime() + 1000)));
    insert(new Document("_id", "hot").append("status", "hot"));
    assertThat(awaitRequests(trigger, 1))
        .extracting(KafkaRunRequests::documentId)
        .containsExactly("hot");
  }

  @Test
  void disablingTheTriggerStopsItsStreamAndReleasesTheLease() {
    String trigger = watch(UnaryOperator.identity());
    setEnabled(trigger, false);

    await().atMost(Duration.ofSeconds(1)).until(() -> !watchers.watching().contains(trigger));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                mongo.findById(trigger, Document.class, StreamLeaseStore.COLLECTION).block()
                    == null);
  }

  @Test
  void pausingTheWorkflowStopsTheStreamWithinASecond() {
    String trigger = watch(UnaryOperator.identity());
    mongo.updateFirst(byId(workflow.id()), Update.update("status", "paused"), "workflows").block();

    await().atMost(Duration.ofSeconds(1)).until(() -> !watchers.watching().contains(trigger));
  }

  @Test
  void aChangedTriggerWatchesItsNewCollectionFromThen() {
    String trigger = watch(UnaryOperator.identity());
    String other = collection + "_other";
    mongo.updateFirst(byId(trigger), Update.update("config.collection", other), "triggers").block();
    await()
        .atMost(PATIENCE)
        .until(() -> (other + "").equals(namespaceCollection(storedPosition(trigger))));

    mongo.insert(new Document("_id", "in-the-new-one"), other).block();
    insert(new Document("_id", "in-the-old-one"));
    mongo.insert(new Document("_id", "last-in-the-new-one"), other).block();

    assertThat(awaitRequests(trigger, 2))
        .extracting(KafkaRunRequests::documentId)
        .containsExactly("in-the-new-one", "last-in-the-new-one");
  }

  private static String namespaceCollection(Document position) {
    String namespace = position == null ? "" : position.getString("namespace");
    return namespace.substring(namespace.indexOf('.') + 1);
  }

  // --- fixtures

  /** A fireable data-change trigger on this test's collection, its stream open. */
  private String watch(UnaryOperator<StoredDocuments.TriggerBuilder> config) {
    StoredDocuments.TriggerBuilder trigger =
        config.apply(
            StoredDocuments.trigger(workflow.id(), "data_change").config("collection", collection));
    if (mongo.findById(workflow.id(), Document.class, "workflows").block() == null) {
      mongo.insert(workflow.build(), "workflows").block();
    }
    mongo.insert(trigger.build(), "triggers").block();
    await().atMost(Duration.ofSeconds(1)).until(() -> watchers.watching().contains(trigger.id()));
    awaitStreamOpen(trigger.id());
    return trigger.id();
  }

  /**
   * A stream stores its first position (a second before it opens) before it opens: from then on
   * every write is seen.
   */
  private void awaitStreamOpen(String triggerId) {
    await().atMost(PATIENCE).until(() -> storedPosition(triggerId) != null);
  }

  /** As {@link #awaitStreamOpen}, for a stream that had a position at {@code old}; the new one. */
  private Document awaitStreamOpenFrom(String triggerId, Date old) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> storedPosition(triggerId),
            position -> position != null && !old.equals(position.getDate("time")));
  }

  /** Stores a time position for the trigger's stream, in the collection it watches. */
  private Date storeTimePosition(String triggerId, Instant time) {
    Date at = Date.from(time);
    mongo
        .save(
            new Document("_id", triggerId)
                .append("kind", "TIME")
                .append("token", null)
                .append("time", at)
                .append("namespace", database() + "." + collection)
                .append("at", new Date()),
            StreamPositionStore.COLLECTION)
        .block();
    return at;
  }

  private Document storedPosition(String triggerId) {
    return mongo.findById(triggerId, Document.class, StreamPositionStore.COLLECTION).block();
  }

  private void insert(Document document) {
    mongo.insert(document, collection).block();
  }

  private void setEnabled(String triggerId, boolean enabled) {
    mongo.updateFirst(byId(triggerId), Update.update("enabled", enabled), "triggers").block();
  }

  private static Query byId(Object id) {
    return Query.query(Criteria.where("_id").is(id));
  }

  private String database() {
    return mongo.getMongoDatabase().block().getName();
  }

  private List<RunRequested> requests(String triggerId) {
    return new KafkaRunRequests(json).of(workflow.id(), triggerId);
  }

  private List<RunRequested> awaitRequests(String triggerId, int count) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> requests(triggerId).size() >= count);
    List<RunRequested> requests = requests(triggerId);
    assertThat(requests).as("exactly one run request per change").hasSize(count);
    return requests;
  }

  private List<Document> gaps(String triggerId) {
    return history(triggerId, TriggerEventKind.GAP);
  }

  private List<Document> history(String triggerId, TriggerEventKind kind) {
    return mongo
        .find(
            Query.query(
                Criteria.where("triggerId").is(triggerId).and("kind").is(kind.storedName())),
            Document.class,
            TriggerEventStore.COLLECTION)
        .collectList()
        .block();
  }

  private double counter(String name, String reason) {
    var counter = meters.find(name).tag(ListenerMetrics.REASON, reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
