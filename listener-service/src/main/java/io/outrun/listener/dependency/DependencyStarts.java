package io.outrun.listener.dependency;

import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.events.RunCompleted;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggerType;
import io.outrun.events.TriggeredBy;
import io.outrun.listener.ListenerMetrics;
import io.outrun.listener.history.TriggerEvent;
import io.outrun.listener.history.TriggerEvents;
import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.registry.TriggerActivity;
import io.outrun.listener.registry.TriggerRegistry;
import io.outrun.service.claimcheck.RunRequestOutcome;
import io.outrun.service.claimcheck.RunRequestPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts the dependent runs of an ended run: one per enabled dependency trigger of an active
 * workflow, in the same workspace, whose {@code dependsOnWorkflowId} is the ended run's workflow
 * and whose {@code condition} its outcome matches. Test runs start nothing.
 *
 * <p>A dependent run's event id is {@code "dependency", triggerId, upstream runId}: handling the
 * same completion again (a redelivery, another replica) names the same run. Its chain depth is the
 * upstream's plus one; beyond {@code max-chain-depth} it is refused and the refusal recorded, which
 * stops a cycle that slipped past trigger-api's validation. With {@code delayMinutes} it is stored
 * as a {@link PendingStart}, due that long after the upstream run finished.
 */
@Component
public class DependencyStarts {

  private static final Logger log = LoggerFactory.getLogger(DependencyStarts.class);

  static final String REFUSED = "refused";

  private final TriggerRegistry registry;
  private final RunRequestPublisher publisher;
  private final PendingStarts pending;
  private final TriggerEvents history;
  private final TriggerActivity activity;
  private final DependencyProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;

  DependencyStarts(
      TriggerRegistry registry,
      RunRequestPublisher publisher,
      PendingStarts pending,
      TriggerEvents history,
      TriggerActivity activity,
      DependencyProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.registry = registry;
    this.publisher = publisher;
    this.pending = pending;
    this.history = history;
    this.activity = activity;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * Starts (or stores, or refuses) every dependent run of {@code completed}; completes once each is
   * on Kafka or stored. Fails while the registry is not loaded, since it could not tell which
   * triggers depend on the run: the caller tries again.
   */
  public Mono<Void> handle(RunCompleted completed) {
    if (completed.test()) {
      return Mono.empty();
    }
    if (!registry.isReady()) {
      return Mono.error(new IllegalStateException("the trigger registry is not loaded yet"));
    }
    return Flux.fromIterable(dependents(completed))
        .concatMap(trigger -> start(trigger, completed))
        .then();
  }

  List<FireableTrigger> dependents(RunCompleted completed) {
    return registry.all().stream()
        .filter(t -> t.type() == TriggerType.DEPENDENCY)
        .filter(t -> t.workspaceId().equals(completed.workspaceId()))
        .filter(t -> completed.workflowId().equals(t.configString("dependsOnWorkflowId")))
        .filter(
            t -> DependencyCondition.of(t.config().get("condition")).matches(completed.status()))
        .toList();
  }

  private Mono<Void> start(FireableTrigger trigger, RunCompleted upstream) {
    Instant now = clock.instant();
    int depth = upstream.chainDepth() + 1;
    if (depth > properties.maxChainDepth()) {
      return refuse(trigger, upstream, depth, now);
    }
    RunRequested request = request(trigger, upstream, depth, now);
    long delayMinutes = delayMinutes(trigger.config());
    if (delayMinutes > 0) {
      Instant finished =
          upstream.finishedAt() != null ? upstream.finishedAt() : upstream.occurredAt();
      Instant dueAt = finished.plus(Duration.ofMinutes(delayMinutes));
      count(ListenerMetrics.OUTCOME_DELAYED);
      return pending.store(trigger, request, upstream, dueAt, now);
    }
    return publisher
        .publish(request)
        .flatMap(
            outcome -> {
              if (outcome instanceof RunRequestOutcome.PayloadTooLarge(long bytes, long limit)) {
                return refuse(
                    trigger,
                    upstream,
                    "its payload would be %d bytes of JSON, over the limit of %d"
                        .formatted(bytes, limit),
                    now);
              }
              activity.fired(trigger.triggerId(), now);
              count(ListenerMetrics.OUTCOME_STARTED);
              return Mono.empty();
            });
  }

  private Mono<Void> refuse(
      FireableTrigger trigger, RunCompleted upstream, int depth, Instant now) {
    return refuse(
        trigger,
        upstream,
        "the chain would be %d runs deep, over the limit of %d"
            .formatted(depth, properties.maxChainDepth()),
        now);
  }

  /** Records (and counts) a dependent run not started, with {@code why} in its history. */
  private Mono<Void> refuse(
      FireableTrigger trigger, RunCompleted upstream, String why, Instant now) {
    log.warn(
        "Dependency trigger {}: not starting a run after run {}: {}",
        trigger.triggerId(),
        upstream.runId(),
        why);
    count(ListenerMetrics.OUTCOME_REFUSED);
    String detail =
        "not started after run %s of workflow %s: %s"
            .formatted(upstream.runId(), upstream.workflowId(), why);
    return history.record(
        List.of(
            new TriggerEvent(
                trigger.triggerId() + ":" + REFUSED + ":" + upstream.runId(),
                trigger.workspaceId(),
                trigger.workflowId(),
                trigger.triggerId(),
                REFUSED,
                now,
                null,
                null,
                1,
                detail)));
  }

  /** The downstream run: its payload names the upstream workflow, run, outcome and outputs. */
  static RunRequested request(
      FireableTrigger trigger, RunCompleted upstream, int depth, Instant now) {
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("workflowId", upstream.workflowId());
    named.put("runId", upstream.runId());
    named.put("status", upstream.status().name().toLowerCase(Locale.ROOT));
    named.put(
        "finishedAt", upstream.finishedAt() == null ? null : upstream.finishedAt().toString());
    named.put("outputs", upstream.outputs());
    if (upstream.error() != null) {
      named.put("error", upstream.error());
    }
    TriggeredBy triggeredBy =
        new TriggeredBy(
            TriggerType.DEPENDENCY,
            trigger.triggerId(),
            upstream.workflowId(),
            Map.of("upstream", named));
    return RunRequested.of(
        now,
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.deployedVersion(),
        false,
        triggeredBy,
        depth,
        "dependency",
        trigger.triggerId(),
        upstream.runId());
  }

  /** {@code delayMinutes}, held to the contract's 0-60 whatever was stored. */
  static long delayMinutes(Map<String, Object> config) {
    return config.get("delayMinutes") instanceof Number minutes
        ? Math.clamp(minutes.longValue(), 0, 60)
        : 0;
  }

  private void count(String outcome) {
    meters.counter(ListenerMetrics.DEPENDENCY_STARTS, ListenerMetrics.OUTCOME, outcome).increment();
  }
}
