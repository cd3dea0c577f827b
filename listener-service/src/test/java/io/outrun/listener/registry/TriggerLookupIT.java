package io.outrun.listener.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link TriggerLookup} against the real MongoDB, over a registry whose change streams never
 * deliver: what the lookup answers is what it read, not what the registry learned.
 */
@ListenerSpringTest
class TriggerLookupIT {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Autowired ReactiveMongoTemplate mongo;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MutableClock clock =
      MutableClock.of(Instant.parse("2026-03-08T07:00:00Z"), ZoneOffset.UTC);
  private volatile RegistryChange.Loaded loaded = new RegistryChange.Loaded(List.of(), List.of());
  private TriggerRegistry registry;

  @BeforeEach
  void stillRegistry() {
    RegistrySource still =
        new RegistrySource() {
          @Override
          public Mono<RegistryChange> load() {
            return Mono.fromSupplier(() -> loaded);
          }

          @Override
          public Flux<RegistryChange> changesSince(Instant from) {
            return Flux.never();
          }
        };
    registry =
        new TriggerRegistry(
            still,
            Clock.systemUTC(),
            new RegistryProperties(Duration.ZERO, Duration.ofMillis(5), Duration.ofMillis(20)),
            meters);
  }

  @AfterEach
  void stop() {
    registry.stop();
  }

  private TriggerLookup lookup(int maxConcurrentReads) {
    registry.start();
    await().atMost(PATIENCE).until(registry::isReady);
    return new TriggerLookup(
        registry,
        new MongoTriggerReads(mongo),
        new TriggerLookupProperties(Duration.ofSeconds(2), 100, maxConcurrentReads, 200),
        clock,
        meters);
  }

  private StoredDocuments.TriggerBuilder storedWebhook(boolean enabled) {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow().deployedVersion(2);
    mongo.insert(workflow.build(), "workflows").block(PATIENCE);
    StoredDocuments.TriggerBuilder trigger =
        StoredDocuments.webhookTrigger(workflow.id()).enabled(enabled);
    mongo.insert(trigger.build(), "triggers").block(PATIENCE);
    return trigger;
  }

  private double lookups(String outcome) {
    return meters
        .counter(ListenerMetrics.REGISTRY_LOOKUPS, ListenerMetrics.OUTCOME, outcome)
        .count();
  }

  @Test
  void aTriggerTheRegistryDoesNotKnowYetIsReadAndFires() {
    TriggerLookup lookup = lookup(64);
    StoredDocuments.TriggerBuilder trigger = storedWebhook(true);

    Optional<FireableTrigger> found = lookup.find(trigger.id()).block(PATIENCE);

    assertThat(registry.find(trigger.id())).isEmpty();
    assertThat(found).hasValueSatisfying(t -> assertThat(t.deployedVersion()).isEqualTo(2));
    assertThat(lookup.known(trigger.id()))
        .hasValueSatisfying(
            known -> assertThat(known.standing()).isEqualTo(KnownTrigger.Standing.FIREABLE));
    assertThat(lookups(ListenerMetrics.OUTCOME_FOUND)).isEqualTo(1);
  }

  @Test
  void anUnknownIdIsReadOnceWithinTheRememberedTime() {
    TriggerLookup lookup = lookup(64);

    assertThat(lookup.find("no-such-trigger").block(PATIENCE)).isEmpty();
    assertThat(lookup.find("no-such-trigger").block(PATIENCE)).isEmpty();

    assertThat(lookups(ListenerMetrics.OUTCOME_MISSING)).isEqualTo(1);
    assertThat(lookups(ListenerMetrics.OUTCOME_CACHED)).isEqualTo(1);
  }

  @Test
  void aTriggerCreatedAfterAMissIsFoundOnceTheMissIsForgotten() {
    TriggerLookup lookup = lookup(64);
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    mongo.insert(workflow.build(), "workflows").block(PATIENCE);
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    assertThat(lookup.find(trigger.id()).block(PATIENCE)).isEmpty();

    mongo.insert(trigger.build(), "triggers").block(PATIENCE);
    assertThat(lookup.find(trigger.id()).block(PATIENCE)).isEmpty();
    clock.add(Duration.ofSeconds(2));

    assertThat(lookup.find(trigger.id()).block(PATIENCE)).isPresent();
  }

  @Test
  void aDisabledTriggerIsKnownButDoesNotFire() {
    TriggerLookup lookup = lookup(64);
    StoredDocuments.TriggerBuilder trigger = storedWebhook(false);

    assertThat(lookup.find(trigger.id()).block(PATIENCE)).isEmpty();
    assertThat(lookup.known(trigger.id()))
        .hasValueSatisfying(
            known ->
                assertThat(known.standing()).isEqualTo(KnownTrigger.Standing.TRIGGER_DISABLED));
  }

  @Test
  void whatTheRegistryKnowsWinsOverMongoDb() {
    StoredDocuments.TriggerBuilder trigger = storedWebhook(true);
    Document stored = mongo.findById(trigger.id(), Document.class, "triggers").block(PATIENCE);
    StoredTrigger disabled =
        MongoRegistryDocuments.trigger(stored.append("enabled", false)).orElseThrow();
    loaded = new RegistryChange.Loaded(List.of(disabled), List.of());
    TriggerLookup lookup = lookup(64);

    assertThat(lookup.find(trigger.id()).block(PATIENCE)).isEmpty();
    assertThat(lookups(ListenerMetrics.OUTCOME_FOUND)).isZero();
  }

  @Test
  void pastTheBoundOfReadsAnUnknownIdIsUnknownWithoutARead() {
    TriggerLookup lookup = lookup(0);
    StoredDocuments.TriggerBuilder trigger = storedWebhook(true);

    assertThat(lookup.find(trigger.id()).block(PATIENCE)).isEmpty();
    assertThat(lookups(ListenerMetrics.OUTCOME_BUSY)).isEqualTo(1);
  }
}
