package io.outrun.listener.kafkatopic;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps one consumer per fireable kafka_topic trigger on every replica: every {@code
 * reconcile-interval} the registry's fireable kafka_topic triggers are compared with the consumers
 * running. A new or changed trigger (config, deployed version) gets a consumer; one disabled,
 * deleted or whose workflow was paused has its consumer stopped, the record under way finished and
 * committed, so enabling it again resumes from the committed offset. Every replica consumes in the
 * trigger's own consumer group, so Kafka shares the topic's partitions among them.
 */
@Component
public class KafkaTopicConsumers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicConsumers.class);

  private final TriggerRegistry registry;
  private final TopicConsumerFactory factory;
  private final KafkaTopicIncidents incidents;
  private final KafkaTopicProperties properties;
  private final Map<String, TopicConsumer> running = new ConcurrentHashMap<>();
  private volatile Disposable loop;

  KafkaTopicConsumers(
      TriggerRegistry registry,
      TopicConsumerFactory factory,
      KafkaTopicIncidents incidents,
      KafkaTopicProperties properties,
      KafkaTopicMetrics metrics) {
    this.registry = registry;
    this.factory = factory;
    this.incidents = incidents;
    this.properties = properties;
    metrics.consumers(running::size);
  }

  /** The ids of the triggers this replica consumes for. */
  public Set<String> consuming() {
    return Set.copyOf(running.keySet());
  }

  /** One reconcile: stops what is no longer wanted, then starts what is missing. */
  Mono<Void> reconcile() {
    Map<String, FireableTrigger> wanted =
        registry.all(TriggerType.KAFKA_TOPIC).stream()
            .collect(Collectors.toMap(FireableTrigger::triggerId, t -> t));
    Flux<Void> stops =
        Flux.fromIterable(Set.copyOf(running.keySet()))
            .filter(id -> !running.get(id).trigger().equals(wanted.get(id)))
            .flatMap(this::stop);
    return stops
        .thenMany(Flux.fromIterable(wanted.values()))
        .filter(trigger -> !running.containsKey(trigger.triggerId()))
        .concatMap(this::start)
        .then();
  }

  private Mono<Void> start(FireableTrigger trigger) {
    return switch (factory.start(trigger)) {
      case TopicConsumerFactory.Started(TopicConsumer consumer) -> {
        running.put(trigger.triggerId(), consumer);
        incidents.consumable(trigger.triggerId());
        log.info("Consuming for kafka_topic trigger {}", trigger.triggerId());
        yield Mono.empty();
      }
      case TopicConsumerFactory.Refused(String reason) -> incidents.refused(trigger, reason);
    };
  }

  private Mono<Void> stop(String triggerId) {
    TopicConsumer consumer = running.remove(triggerId);
    if (consumer == null) {
      return Mono.empty();
    }
    log.info("Stopping the consumer of kafka_topic trigger {}", triggerId);
    return consumer.stop(properties.stopTimeout());
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.info("Kafka topic triggers are not consumed on this replica");
      return;
    }
    loop =
        Flux.interval(properties.reconcileInterval())
            .onBackpressureDrop()
            .concatMap(tick -> reconcile().onErrorResume(this::reconcileFailed), 1)
            .subscribe();
  }

  private Mono<Void> reconcileFailed(Throwable error) {
    log.warn("Kafka topic reconcile failed: {}", error.toString());
    return Mono.empty();
  }

  /** Ends the reconciles, then stops every consumer, each finishing its record under way. */
  @Override
  public void stop() {
    Disposable current = loop;
    loop = null;
    if (current == null) {
      return;
    }
    current.dispose();
    Duration patience = properties.stopTimeout().plusSeconds(5);
    Flux.fromIterable(Set.copyOf(running.keySet()))
        .flatMap(this::stop)
        .then()
        .timeout(patience, Mono.empty())
        .block();
  }

  @Override
  public boolean isRunning() {
    return loop != null;
  }

  /** Stops before the trigger counts are flushed (lower phases stop later). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
