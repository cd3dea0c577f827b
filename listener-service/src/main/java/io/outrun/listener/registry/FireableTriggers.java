package io.outrun.listener.registry;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.RegistryChange.Loaded;
import io.outrun.listener.registry.RegistryChange.TriggerRemoved;
import io.outrun.listener.registry.RegistryChange.TriggerSaved;
import io.outrun.listener.registry.RegistryChange.WorkflowRemoved;
import io.outrun.listener.registry.RegistryChange.WorkflowSaved;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enabled triggers and the active workflows, kept in memory; a trigger is fireable when both
 * sides are present. Whichever side changes, the answer follows, so a paused workflow silences all
 * its triggers at once. Disabled triggers are kept apart with only their owners ({@link
 * KnownTrigger}), so requests to them can be logged; they never fire. One writer applies changes in
 * order; any thread may read.
 */
final class FireableTriggers {

  /**
   * @param triggers the enabled triggers by id
   * @param byType the same, by type and id: each type's consumers (the schedule ticker, the
   *     reconcilers of data-change watchers and Kafka consumers, every run completion's dependency
   *     plan) read only their own, several times a second, among possibly thousands of others
   */
  private record Maps(
      Map<String, StoredTrigger> triggers,
      Map<TriggerType, Map<String, StoredTrigger>> byType,
      Map<String, StoredWorkflow> workflows,
      Map<String, KnownTrigger> disabled,
      WebhookPaths paths) {
    static Maps empty() {
      Map<TriggerType, Map<String, StoredTrigger>> byType = new EnumMap<>(TriggerType.class);
      for (TriggerType type : TriggerType.values()) {
        byType.put(type, new ConcurrentHashMap<>());
      }
      return new Maps(
          new ConcurrentHashMap<>(),
          Collections.unmodifiableMap(byType),
          new ConcurrentHashMap<>(),
          new ConcurrentHashMap<>(),
          new WebhookPaths());
    }

    Map<String, StoredTrigger> ofType(TriggerType type) {
      return byType.get(type);
    }

    void removeEnabled(String triggerId) {
      StoredTrigger removed = triggers.remove(triggerId);
      if (removed != null) {
        ofType(removed.type()).remove(triggerId);
      }
    }
  }

  private volatile Maps maps = Maps.empty();

  void apply(RegistryChange change) {
    switch (change) {
      case Loaded loaded -> maps = load(loaded);
      case TriggerSaved(StoredTrigger trigger) -> save(trigger);
      case TriggerRemoved(String triggerId) -> remove(triggerId);
      case WorkflowSaved(StoredWorkflow workflow) -> save(workflow);
      case WorkflowRemoved(String workflowId) -> maps.workflows().remove(workflowId);
    }
  }

  Optional<FireableTrigger> find(String triggerId) {
    Maps current = maps;
    return Optional.ofNullable(current.triggers().get(triggerId))
        .flatMap(trigger -> fireable(trigger, current.workflows().get(trigger.workflowId())));
  }

  /** The id of the webhook trigger, enabled or not, at {@code path} of the workspace. */
  Optional<String> atPath(String workspaceId, String path) {
    return maps.paths().find(workspaceId, path);
  }

  /** The trigger with this id, fireable or not, when it exists. */
  Optional<KnownTrigger> known(String triggerId) {
    Maps current = maps;
    StoredTrigger enabled = current.triggers().get(triggerId);
    if (enabled == null) {
      return Optional.ofNullable(current.disabled().get(triggerId));
    }
    KnownTrigger.Standing standing =
        fireable(enabled, current.workflows().get(enabled.workflowId())).isPresent()
            ? KnownTrigger.Standing.FIREABLE
            : KnownTrigger.Standing.WORKFLOW_INACTIVE;
    return Optional.of(
        new KnownTrigger(enabled.id(), enabled.workspaceId(), enabled.workflowId(), standing));
  }

  /** The fireable triggers of one type. */
  List<FireableTrigger> all(TriggerType type) {
    Maps current = maps;
    return fireable(current, current.ofType(type).values());
  }

  /** How many triggers are fireable, counted without listing them. */
  long fireableCount() {
    Maps current = maps;
    return current.triggers().values().stream()
        .filter(t -> isFireable(t, current.workflows().get(t.workflowId())))
        .count();
  }

  private static boolean isFireable(StoredTrigger trigger, StoredWorkflow workflow) {
    return trigger.enabled() && workflow != null && workflow.runsTriggers();
  }

  private static List<FireableTrigger> fireable(Maps maps, Collection<StoredTrigger> triggers) {
    return triggers.stream()
        .flatMap(t -> fireable(t, maps.workflows().get(t.workflowId())).stream())
        .toList();
  }

  /** The registry's rule: an enabled trigger of an active workflow with a deployed version. */
  static Optional<FireableTrigger> fireable(StoredTrigger trigger, StoredWorkflow workflow) {
    if (!isFireable(trigger, workflow)) {
      return Optional.empty();
    }
    return Optional.of(
        new FireableTrigger(
            trigger.id(),
            trigger.workspaceId(),
            trigger.workflowId(),
            trigger.type(),
            trigger.config(),
            workflow.deployedVersion(),
            trigger.schedule(),
            trigger.nodeId(),
            trigger.createdAt()));
  }

  private static Maps load(Loaded loaded) {
    Maps fresh = Maps.empty();
    loaded.triggers().forEach(t -> save(fresh, t));
    loaded.workflows().stream().filter(StoredWorkflow::runsTriggers).forEach(w -> put(fresh, w));
    return fresh;
  }

  private void save(StoredTrigger trigger) {
    save(maps, trigger);
  }

  private static void save(Maps maps, StoredTrigger trigger) {
    maps.paths().save(trigger);
    if (trigger.enabled()) {
      maps.disabled().remove(trigger.id());
      put(maps, trigger);
    } else {
      maps.removeEnabled(trigger.id());
      maps.disabled().put(trigger.id(), disabled(trigger));
    }
  }

  private void remove(String triggerId) {
    maps.paths().remove(triggerId);
    maps.removeEnabled(triggerId);
    maps.disabled().remove(triggerId);
  }

  private static KnownTrigger disabled(StoredTrigger trigger) {
    return new KnownTrigger(
        trigger.id(),
        trigger.workspaceId(),
        trigger.workflowId(),
        KnownTrigger.Standing.TRIGGER_DISABLED);
  }

  private void save(StoredWorkflow workflow) {
    if (workflow.runsTriggers()) {
      put(maps, workflow);
    } else {
      maps.workflows().remove(workflow.id());
    }
  }

  /**
   * An equal trigger keeps the instance already held, and an equal config the very same instance
   * (which {@code WebhookAuthentication} caches on): writes of {@code triggerCount}, {@code
   * lastTriggeredAt} and a schedule's times arrive as trigger changes but leave the config as it
   * was.
   */
  private static void put(Maps maps, StoredTrigger trigger) {
    StoredTrigger held = maps.triggers().get(trigger.id());
    if (held != null && held.type() != trigger.type()) {
      maps.ofType(held.type()).remove(trigger.id());
    }
    StoredTrigger kept = sameOrNew(held, trigger);
    maps.triggers().put(trigger.id(), kept);
    maps.ofType(kept.type()).put(trigger.id(), kept);
  }

  private static StoredTrigger sameOrNew(StoredTrigger held, StoredTrigger trigger) {
    if (trigger.equals(held)) {
      return held;
    }
    if (held != null && trigger.config().equals(held.config())) {
      // A schedule's tick moved its times: keep the config instance the caches key on.
      return new StoredTrigger(
          trigger.id(),
          trigger.workspaceId(),
          trigger.workflowId(),
          trigger.type(),
          trigger.enabled(),
          held.config(),
          trigger.schedule(),
          trigger.nodeId(),
          trigger.createdAt());
    }
    return trigger;
  }

  private static void put(Maps maps, StoredWorkflow workflow) {
    maps.workflows().put(workflow.id(), workflow);
  }
}
