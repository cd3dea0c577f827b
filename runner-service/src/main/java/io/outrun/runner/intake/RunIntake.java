package io.outrun.runner.intake;

import io.outrun.bus.Delivery;
import io.outrun.bus.EventConsumers;
import io.outrun.events.RunRequested;
import io.outrun.events.Topics;
import io.outrun.runner.engine.RunEngine;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunStore;
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
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Takes run requests from Kafka once the application is ready. Records of one partition are handled
 * one after another, partitions in parallel. A request's offset is committed only after its run has
 * ended in the store and its completion is published; when MongoDB or Kafka fails meanwhile, the
 * request is retried with backoff and the consumer goes on.
 */
@Component
@EnableConfigurationProperties(IntakeProperties.class)
class RunIntake implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RunIntake.class);

  private final EventConsumers consumers;
  private final RunStore store;
  private final RunEngine engine;
  private final IntakeProperties properties;
  private volatile Disposable subscription;

  RunIntake(
      EventConsumers consumers, RunStore store, RunEngine engine, IntakeProperties properties) {
    this.consumers = consumers;
    this.store = store;
    this.engine = engine;
    this.properties = properties;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (subscription == null) {
      subscription = intake().subscribe();
    }
  }

  @Override
  public void destroy() {
    if (subscription != null) {
      subscription.dispose();
    }
  }

  Flux<Void> intake() {
    return store
        .createIndexes()
        .thenMany(
            Flux.defer(
                () ->
                    consumers
                        .create(properties.consumerGroup(), Topics.RUN_REQUESTS, RunRequested.class)
                        .receive()))
        .groupBy(Delivery::partition)
        // one inner subscriber per assigned partition, however many there are
        .flatMap(partition -> partition.concatMap(this::handleThenCommit), Integer.MAX_VALUE)
        .retryWhen(retry("Run intake failed; restarting it"));
  }

  private Mono<Void> handleThenCommit(Delivery<RunRequested> delivery) {
    RunRequested request = delivery.event();
    return Mono.defer(() -> handle(request))
        .retryWhen(retry("Run request " + request.eventId() + " failed; retrying it"))
        .then(Mono.defer(delivery::commit))
        .onErrorResume(
            e -> {
              log.error("Could not commit run request {}", request.eventId(), e);
              return Mono.empty();
            });
  }

  private Mono<Void> handle(RunRequested request) {
    return store
        .createOrLoad(request)
        .flatMap(run -> run.terminal() ? engine.republishCompletion(run) : execute(run));
  }

  private Mono<Void> execute(RunDocument run) {
    if (RunDocument.RUNNING.equals(run.status())) {
      log.info("Resuming run {}: a runner stopped while executing it", run.id());
    }
    return engine.execute(run);
  }

  private RetryBackoffSpec retry(String message) {
    return Retry.backoff(Long.MAX_VALUE, properties.retryMinBackoff())
        .maxBackoff(properties.retryMaxBackoff())
        .doBeforeRetry(signal -> log.warn(message, signal.failure()));
  }
}
