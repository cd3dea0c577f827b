package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The leases this runner holds on the runs it executes. A run's lease is taken when it starts and
 * renewed for every run in one update per heartbeat; a runner that stops renewing (killed, hung,
 * cut off) loses its runs to whichever runner gets their requests next, once the lease expires. A
 * runner that shuts down lets its leases expire at once.
 *
 * <p>Within this runner, one run executes at most once at a time: a second delivery of a run that
 * is executing here waits for the first to finish.
 */
@Component
@EnableConfigurationProperties(EngineProperties.class)
class RunLeases implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RunLeases.class);

  private final RunStore store;
  private final Clock clock;
  private final Duration duration;
  private final Duration heartbeat;
  private final String owner;
  private final Map<String, Sinks.Empty<Void>> executing = new ConcurrentHashMap<>();
  private volatile Disposable renewals;

  RunLeases(RunStore store, Clock clock, EngineProperties properties) {
    this.store = store;
    this.clock = clock;
    this.duration = properties.leaseDuration();
    this.heartbeat = properties.leaseDuration().dividedBy(3);
    this.owner = hostName() + "/" + UUID.randomUUID();
  }

  /** A fresh lease of this runner. */
  RunDocument.Lease lease() {
    return new RunDocument.Lease(owner, clock.instant().plus(duration));
  }

  /**
   * Runs {@code execution} of {@code runId} unless this runner is executing that run already; then
   * waits for that to end and tries again.
   */
  <T> Mono<T> exclusively(String runId, Supplier<Mono<T>> execution) {
    return Mono.defer(
        () -> {
          Sinks.Empty<Void> mine = Sinks.empty();
          Sinks.Empty<Void> running = executing.putIfAbsent(runId, mine);
          if (running != null) {
            return running.asMono().then(exclusively(runId, execution));
          }
          return execution
              .get()
              .doFinally(
                  signal -> {
                    executing.remove(runId, mine);
                    mine.tryEmitEmpty();
                  });
        });
  }

  /** Completes when the lease another runner holds until {@code until} may be taken over. */
  Mono<Void> expiry(Instant until) {
    Duration left = Duration.between(clock.instant(), until);
    return Mono.delay(left.isNegative() ? Duration.ZERO : left.plusMillis(1)).then();
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (renewals == null) {
      renewals =
          Flux.interval(heartbeat)
              .onBackpressureDrop()
              .concatMap(
                  tick ->
                      store
                          .renewLeases(List.copyOf(executing.keySet()), owner, lease().expiresAt())
                          .onErrorResume(
                              e -> {
                                log.warn("Could not renew the leases of running runs", e);
                                return Mono.empty();
                              }))
              .subscribe();
    }
  }

  /** Lets this runner's leases expire now: another runner (or this one restarted) resumes them. */
  @Override
  public void destroy() {
    if (renewals != null) {
      renewals.dispose();
    }
    try {
      store.releaseLeases(owner, clock.instant()).block(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.warn("Could not release the leases of running runs; they expire in {}", duration, e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "runner";
    }
  }
}
