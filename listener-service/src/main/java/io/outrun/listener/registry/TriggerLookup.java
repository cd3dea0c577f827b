package io.outrun.listener.registry;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.listener.ListenerMetrics;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A trigger by id as the registry knows it, or, for an id it does not know yet, as MongoDB has it:
 * a trigger created a moment ago is in {@code triggers} before its change event reaches the
 * registry, and a webhook called right after trigger-api's {@code 201} must be accepted. So an id
 * the registry has never seen is read once ({@link MongoTriggerReads}: the trigger and its
 * workflow, by the registry's own fireable rule) and the read, found or not, is remembered for
 * {@code remember} (bounded, {@link ExpiringEntries}); whatever the registry knows about an id
 * always wins over a read. Reads are bounded in number at once; past the bound an unknown id is
 * unknown.
 */
@Component
public class TriggerLookup {

  /** A trigger read from MongoDB: whose it is and whether it can fire (then {@code fireable}). */
  record Read(KnownTrigger known, Optional<FireableTrigger> fireable) {

    static Read of(StoredTrigger trigger, StoredWorkflow workflow) {
      Optional<FireableTrigger> fireable = FireableTriggers.fireable(trigger, workflow);
      KnownTrigger.Standing standing =
          fireable.isPresent()
              ? KnownTrigger.Standing.FIREABLE
              : trigger.enabled()
                  ? KnownTrigger.Standing.WORKFLOW_INACTIVE
                  : KnownTrigger.Standing.TRIGGER_DISABLED;
      return new Read(
          new KnownTrigger(trigger.id(), trigger.workspaceId(), trigger.workflowId(), standing),
          fireable);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(TriggerLookup.class);
  private static final Optional<Read> MISSING = Optional.empty();

  private final TriggerRegistry registry;
  private final MongoTriggerReads reads;
  private final TriggerLookupProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;
  private final ExpiringEntries<Optional<Read>> recent;
  private final AtomicInteger underWay = new AtomicInteger();

  TriggerLookup(
      TriggerRegistry registry,
      MongoTriggerReads reads,
      TriggerLookupProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.registry = registry;
    this.reads = reads;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
    this.recent = new ExpiringEntries<>(properties.maxEntries(), properties.remember());
  }

  /** True once the registry is loaded and following its change streams. */
  public boolean isReady() {
    return registry.isReady();
  }

  /** The trigger with this id if it can fire now: the registry's answer, else a read's. */
  public Mono<Optional<FireableTrigger>> find(String triggerId) {
    Optional<FireableTrigger> fireable = registry.find(triggerId);
    if (fireable.isPresent() || registry.known(triggerId).isPresent()) {
      return Mono.just(fireable);
    }
    return read(triggerId).map(read -> read.flatMap(Read::fireable));
  }

  /**
   * The trigger with this id, fireable or not, if the registry or a recent read knows it: for
   * logging a request to it.
   */
  public Optional<KnownTrigger> known(String triggerId) {
    Optional<KnownTrigger> known = registry.known(triggerId);
    return known.isPresent()
        ? known
        : recent.get(triggerId, clock.instant()).flatMap(read -> read.map(Read::known));
  }

  private Mono<Optional<Read>> read(String triggerId) {
    Optional<Optional<Read>> remembered = recent.get(triggerId, clock.instant());
    if (remembered.isPresent()) {
      count(ListenerMetrics.OUTCOME_CACHED);
      return Mono.just(remembered.get());
    }
    if (triggerId.isEmpty() || triggerId.length() > properties.maxIdLength()) {
      count(ListenerMetrics.OUTCOME_MISSING);
      return Mono.just(MISSING);
    }
    return Mono.defer(() -> readBounded(triggerId));
  }

  /** A read, unless as many are under way as may be; a failed read is unknown and not kept. */
  private Mono<Optional<Read>> readBounded(String triggerId) {
    if (underWay.incrementAndGet() > properties.maxConcurrentReads()) {
      underWay.decrementAndGet();
      count(ListenerMetrics.OUTCOME_BUSY);
      return Mono.just(MISSING);
    }
    return reads
        .read(triggerId)
        .map(Optional::of)
        .defaultIfEmpty(MISSING)
        .doOnNext(read -> remember(triggerId, read))
        .onErrorResume(
            failed -> {
              log.warn("Could not read trigger {} from MongoDB", triggerId, failed);
              count(ListenerMetrics.OUTCOME_FAILED);
              return Mono.just(MISSING);
            })
        .doFinally(signal -> underWay.decrementAndGet());
  }

  private void remember(String triggerId, Optional<Read> read) {
    recent.put(triggerId, read, clock.instant());
    count(read.isPresent() ? ListenerMetrics.OUTCOME_FOUND : ListenerMetrics.OUTCOME_MISSING);
  }

  private void count(String outcome) {
    meters.counter(ListenerMetrics.REGISTRY_LOOKUPS, ListenerMetrics.OUTCOME, outcome).increment();
  }
}
