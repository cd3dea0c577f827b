package io.outrun.api.trigger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.events.TriggerType;
import io.outrun.triggers.TriggerConfigs;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code outrun.api.triggers{trigger_type}}: how many triggers exist per type. Counted in MongoDB
 * once a minute, and soon after this instance creates or deletes one through the trigger endpoints
 * (those an import or a deploy's canvas nodes make or remove wait for the minute), at most once per
 * {@link #SPACING}: a count reads every trigger, so creating thousands one after the other had the
 * counts running back to back beside them. Signals that arrive meanwhile are coalesced into one
 * more recount.
 */
@Component
class TriggerGauge implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TriggerGauge.class);
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Duration SPACING = Duration.ofSeconds(2);

  private final Map<TriggerType, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Sinks.Many<Boolean> changes = Sinks.many().multicast().directBestEffort();
  private final Disposable refreshing;

  TriggerGauge(TriggerStore store, MeterRegistry meters) {
    for (TriggerType type : TriggerConfigs.TYPES) {
      AtomicLong count = counts.computeIfAbsent(type, t -> new AtomicLong());
      Gauge.builder(ApiMetrics.TRIGGERS, count, AtomicLong::get)
          .tag(ApiMetrics.TRIGGER_TYPE, type.wireName())
          .description("Triggers stored, by type")
          .register(meters);
    }
    this.refreshing =
        Flux.merge(Flux.interval(Duration.ZERO, PERIOD).map(tick -> true), changes.asFlux())
            .onBackpressureLatest()
            .concatMap(signal -> recount(store).then(Mono.delay(SPACING)).then())
            .subscribe();
  }

  /** Asks for a recount soon (never blocks, never fails). */
  void changed() {
    changes.tryEmitNext(true);
  }

  long count(TriggerType type) {
    return counts.get(type).get();
  }

  private Mono<Void> recount(TriggerStore store) {
    return store
        .countByType()
        .doOnNext(byType -> counts.forEach((type, n) -> n.set(byType.getOrDefault(type, 0L))))
        .then()
        .onErrorResume(
            e -> {
              log.debug("Could not count triggers: {}", e.toString());
              return Mono.empty();
            });
  }

  @Override
  public void destroy() {
    refreshing.dispose();
  }
}
