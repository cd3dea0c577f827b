package io.outrun.listener.registry;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.outrun.events.TriggerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class TriggerRegistryTest {

  private static final StoredWorkflow ACTIVE = new StoredWorkflow("wf-1", "active", 2);
  private static final StoredTrigger TRIGGER =
      new StoredTrigger(
          "t-1", "ws-1", "wf-1", TriggerType.WEBHOOK, true, stored(TriggerType.WEBHOOK, Map.of()));

  private final FakeSource source = new FakeSource();
  private final TriggerRegistry registry =
      new TriggerRegistry(
          source,
          Clock.systemUTC(),
          new RegistryProperties(
              Duration.ofSeconds(5), Duration.ofMillis(5), Duration.ofMillis(20)),
          new SimpleMeterRegistry());

  @AfterEach
  void stop() {
    registry.stop();
  }

  @Test
  void isReadyOnceLoadedAndAppliesLaterChanges() {
    source.loads(List.of(), List.of(ACTIVE));
    registry.start();

    await().atMost(Duration.ofSeconds(5)).until(registry::isReady);
    source.changes.tryEmitNext(new RegistryChange.TriggerSaved(TRIGGER));

    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("t-1").isPresent());
  }

  @Test
  void changesArrivingDuringTheLoadAreAppliedAfterIt() {
    source.loadDelay = Duration.ofMillis(200);
    source.loads(List.of(), List.of(ACTIVE));
    source.emitOnSubscribe = new RegistryChange.TriggerSaved(TRIGGER);
    registry.start();

    await().atMost(Duration.ofSeconds(5)).until(registry::isReady);

    // applied right after the load, in the same stream: not lost, though a reader may see the
    // registry ready a moment before it
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("t-1").isPresent());
    assertThat(source.subscriptions.get()).as("no reload was needed").isEqualTo(1);
  }

  @Test
  void failedStreamsAreReopenedAndTheRegistryReloaded() {
    source.loads(List.of(), List.of(ACTIVE));
    registry.start();
    await().atMost(Duration.ofSeconds(5)).until(registry::isReady);

    source.loads(List.of(TRIGGER), List.of(ACTIVE));
    source.changes.tryEmitError(new IllegalStateException("cursor killed"));

    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("t-1").isPresent());
    assertThat(source.subscriptions.get()).isGreaterThanOrEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(registry::isReady);
  }

  /** A source whose changes the test emits, and whose streams can be failed. */
  private static final class FakeSource implements RegistrySource {
    volatile Sinks.Many<RegistryChange> changes;
    volatile RegistryChange.Loaded loaded;
    volatile Duration loadDelay = Duration.ZERO;
    volatile RegistryChange emitOnSubscribe;
    final AtomicInteger subscriptions = new AtomicInteger();

    void loads(List<StoredTrigger> triggers, List<StoredWorkflow> workflows) {
      loaded = new RegistryChange.Loaded(triggers, workflows);
    }

    @Override
    public Mono<RegistryChange> load() {
      return Mono.defer(() -> Mono.<RegistryChange>just(loaded)).delayElement(loadDelay);
    }

    @Override
    public Flux<RegistryChange> changesSince(Instant from) {
      return Flux.defer(
          () -> {
            subscriptions.incrementAndGet();
            Sinks.Many<RegistryChange> sink = Sinks.many().unicast().onBackpressureBuffer();
            changes = sink;
            RegistryChange first = emitOnSubscribe;
            if (first != null) {
              sink.tryEmitNext(first);
            }
            return sink.asFlux();
          });
    }
  }
}
