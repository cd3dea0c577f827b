package io.outrun.runner.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.runner.RunnerMetrics;
import io.outrun.runner.store.QueuedRuns;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Makes the runs nobody else records visible as {@code queued} as soon as their request is on
 * Kafka: those a webhook, a schedule, a data change, a dependency or a sub-workflow asked for. A
 * request carrying {@link Topics#RUN_RECORDED_BY_HEADER} is left alone, because its publisher
 * records the run itself (trigger-api, for manual runs, re-runs, retries, fires and backfills, once
 * Kafka acknowledged the request): an insert here would only fail as a duplicate key, after a read
 * of any payload stored aside. Should that publisher die between Kafka's acknowledgement and its
 * insert, the run becomes visible when a runner takes it, not when the recorder reads it.
 *
 * <p>The recorder is a consumer of the run requests in a group of its own, apart from execution, so
 * a backlog of runs waiting for a runner does not hide them. It records requests in batches, one
 * bulk write each, that create a run only where none exists; a runner that got there first, or has
 * finished the run, is never overwritten. A batch is acknowledged (committed with the consumer's
 * next periodic commit) once stored, the requests left alone with the rest (a batch of nothing else
 * writes nothing and is acknowledged all the same); a batch MongoDB cannot take is retried while
 * MongoDB is unreachable, else recorded request by request, and a request whose run cannot be
 * stored is left to the runner, which fails that run with the reason. A request whose payload was
 * stored aside (too large for Kafka) is recorded with the payload read back ({@link
 * ClaimedPayloads}), so the queued run shows all of it.
 */
@Component
@EnableConfigurationProperties(RecorderProperties.class)
class RunRecorder implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final EventConsumers consumers;
  private final QueuedRuns runs;
  private final ClaimedPayloads claimed;
  private final RecorderProperties properties;
  private final Counter recorded;
  private volatile Disposable consuming;

  RunRecorder(
      EventConsumers consumers,
      QueuedRuns runs,
      ClaimedPayloads claimed,
      RecorderProperties properties,
      MeterRegistry meters) {
    this.consumers = consumers;
    this.runs = runs;
    this.claimed = claimed;
    this.properties = properties;
    this.recorded =
        Counter.builder(RunnerMetrics.RUNS_RECORDED)
            .description("Run requests whose run was recorded as queued on arrival")
            .register(meters);
  }

  @Override
  public void start() {
    if (!properties.enabled() || consuming != null) {
      return;
    }
    consuming =
        Flux.defer(
                () ->
                    consumers
                        .createObserver(
                            properties.consumerGroup(),
                            Topics.RUN_REQUESTS,
                            RunRequested.class,
                            properties.fetchWait())
                        .receive())
            .bufferTimeout(properties.batchSize(), properties.linger(), true)
            .concatMap(this::record)
            .doOnError(e -> log.warn("Run recorder failed; reconnecting", e))
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, MIN_BACKOFF)
                    .maxBackoff(MAX_BACKOFF)
                    .transientErrors(true))
            .subscribe();
  }

  private Mono<Void> record(List<Delivery<RunRequested>> batch) {
    List<RunRequested> unrecorded = recordedByNoOneElse(batch);
    return Flux.fromIterable(unrecorded)
        .concatMap(claimed::withStoredPayload)
        .collectList()
        .flatMap(
            requests ->
                runs.recordQueued(requests)
                    .onErrorResume(e -> !Failures.isOutage(e), e -> oneByOne(requests)))
        .retryWhen(
            Retry.backoff(Long.MAX_VALUE, MIN_BACKOFF)
                .maxBackoff(MAX_BACKOFF)
                .doBeforeRetry(
                    signal -> log.warn("Runs not recorded yet: {}", signal.failure().toString())))
        .then(Mono.fromRunnable(() -> acknowledge(batch, unrecorded.size())));
  }

  /** The batch's requests whose publisher does not record their run itself. */
  private static List<RunRequested> recordedByNoOneElse(List<Delivery<RunRequested>> batch) {
    return batch.stream()
        .filter(delivery -> delivery.header(Topics.RUN_RECORDED_BY_HEADER).isEmpty())
        .map(Delivery::event)
        .toList();
  }

  private Mono<Void> oneByOne(List<RunRequested> requests) {
    return Flux.fromIterable(requests)
        .concatMap(
            request ->
                runs.recordQueued(List.of(request))
                    .onErrorResume(
                        e -> !Failures.isOutage(e),
                        e -> {
                          log.warn(
                              "Run {} not recorded on arrival; its runner fails it: {}",
                              request.runId(),
                              e.toString());
                          return Mono.empty();
                        }))
        .then();
  }

  /**
   * Acknowledges the batch, recorded or left alone: a restart that finds it acknowledged but not
   * committed records its runs again, which changes nothing.
   */
  private void acknowledge(List<Delivery<RunRequested>> batch, int recordedRuns) {
    recorded.increment(recordedRuns);
    batch.forEach(Delivery::acknowledge);
  }

  @Override
  public void stop() {
    Disposable current = consuming;
    consuming = null;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return consuming != null;
  }
}
