package io.outrun.listener.registry;

import static io.outrun.listener.StoredConfigs.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.events.TriggerType;
import io.outrun.listener.registry.RegistryChange.Loaded;
import io.outrun.listener.registry.RegistryChange.TriggerRemoved;
import io.outrun.listener.registry.RegistryChange.TriggerSaved;
import io.outrun.listener.registry.RegistryChange.WorkflowRemoved;
import io.outrun.listener.registry.RegistryChange.WorkflowSaved;
import io.outrun.triggers.StoredConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FireableTriggersTest {

  private static final StoredConfig POST = stored(TriggerType.WEBHOOK, Map.of("method", "POST"));
  private static final StoredWorkflow ACTIVE = new StoredWorkflow("wf-1", "active", 4);
  private static final StoredTrigger ENABLED =
      new StoredTrigger("t-1", "ws-1", "wf-1", TriggerType.WEBHOOK, true, POST);

  private final FireableTriggers triggers = new FireableTriggers();

  @Test
  void enabledTriggerOfActiveWorkflowIsFireableWithTheDeployedVersion() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));

    assertThat(triggers.find("t-1"))
        .contains(
            new FireableTrigger(
                "t-1", "ws-1", "wf-1", TriggerType.WEBHOOK, POST, 4, ScheduleTimes.NONE));
  }

  @Test
  void savingAnUnchangedTriggerKeepsTheConfigItHeld() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));
    StoredConfig held = triggers.find("t-1").orElseThrow().config();

    triggers.apply(
        new TriggerSaved(
            new StoredTrigger(
                "t-1",
                "ws-1",
                "wf-1",
                TriggerType.WEBHOOK,
                true,
                stored(TriggerType.WEBHOOK, Map.of("method", "POST")))));

    assertThat(triggers.find("t-1").orElseThrow().config()).isSameAs(held);
  }

  @Test
  void disabledTriggerIsNotFireable() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));

    triggers.apply(new TriggerSaved(disabled(ENABLED)));

    assertThat(triggers.find("t-1")).isEmpty();
  }

  @Test
  void triggerOfAWorkflowThatIsNotActiveIsNotFireable() {
    for (String status : List.of("draft", "paused", "archived")) {
      triggers.apply(new Loaded(List.of(ENABLED), List.of(new StoredWorkflow("wf-1", status, 4))));
      assertThat(triggers.find("t-1")).as(status).isEmpty();
    }
  }

  @Test
  void activeWorkflowWithoutADeployedVersionRunsNoTriggers() {
    triggers.apply(
        new Loaded(List.of(ENABLED), List.of(new StoredWorkflow("wf-1", "active", null))));

    assertThat(triggers.find("t-1")).isEmpty();
  }

  @Test
  void pausingAWorkflowSilencesItsTriggersAndResumingRestoresThem() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));

    triggers.apply(new WorkflowSaved(new StoredWorkflow("wf-1", "paused", 4)));
    assertThat(triggers.find("t-1")).isEmpty();

    triggers.apply(new WorkflowSaved(new StoredWorkflow("wf-1", "active", 5)));
    assertThat(triggers.find("t-1"))
        .get()
        .extracting(FireableTrigger::deployedVersion)
        .isEqualTo(5);
  }

  @Test
  void triggerCreatedAfterTheLoadBecomesFireable() {
    triggers.apply(new Loaded(List.of(), List.of(ACTIVE)));

    triggers.apply(new TriggerSaved(ENABLED));

    assertThat(triggers.find("t-1")).isPresent();
    assertThat(triggers.fireableCount()).isEqualTo(1);
  }

  @Test
  void deletedTriggerOrWorkflowIsNoLongerFireable() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));
    triggers.apply(new TriggerRemoved("t-1"));
    assertThat(triggers.find("t-1")).isEmpty();

    triggers.apply(new TriggerSaved(ENABLED));
    triggers.apply(new WorkflowRemoved("wf-1"));
    assertThat(triggers.find("t-1")).isEmpty();
  }

  @Test
  void aReloadReplacesEverythingKnownBefore() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));

    triggers.apply(new Loaded(List.of(), List.of(ACTIVE)));

    assertThat(triggers.fireableCount()).isZero();
  }

  @Test
  void eachTypeListsOnlyItsOwnFireableTriggersThroughSavesAndRemovals() {
    StoredConfig daily = stored(TriggerType.SCHEDULE, Map.of("cron", "0 9 * * *"));
    StoredTrigger schedule =
        new StoredTrigger("t-2", "ws-1", "wf-1", TriggerType.SCHEDULE, true, daily);
    triggers.apply(new Loaded(List.of(ENABLED, schedule), List.of(ACTIVE)));

    assertThat(triggers.all(TriggerType.WEBHOOK))
        .extracting(FireableTrigger::triggerId)
        .containsExactly("t-1");
    assertThat(triggers.all(TriggerType.SCHEDULE))
        .extracting(FireableTrigger::triggerId)
        .containsExactly("t-2");
    assertThat(triggers.all(TriggerType.DEPENDENCY)).isEmpty();
    assertThat(triggers.fireableCount()).isEqualTo(2);

    // saved as another type: listed under the new one only
    triggers.apply(
        new TriggerSaved(
            new StoredTrigger("t-2", "ws-1", "wf-1", TriggerType.WEBHOOK, true, POST)));
    assertThat(triggers.all(TriggerType.SCHEDULE)).isEmpty();
    assertThat(triggers.all(TriggerType.WEBHOOK))
        .extracting(FireableTrigger::triggerId)
        .containsExactlyInAnyOrder("t-1", "t-2");

    triggers.apply(new TriggerSaved(disabled(ENABLED)));
    triggers.apply(new TriggerRemoved("t-2"));
    assertThat(triggers.all(TriggerType.WEBHOOK)).isEmpty();
    assertThat(triggers.fireableCount()).isZero();

    // a paused workflow's triggers are listed under no type
    triggers.apply(new TriggerSaved(ENABLED));
    triggers.apply(new WorkflowSaved(new StoredWorkflow("wf-1", "paused", 4)));
    assertThat(triggers.all(TriggerType.WEBHOOK)).isEmpty();
    assertThat(triggers.fireableCount()).isZero();
  }

  @Test
  void disabledTriggerIsKnownAsDisabledButNeverFound() {
    triggers.apply(new Loaded(List.of(disabled(ENABLED)), List.of(ACTIVE)));

    assertThat(triggers.find("t-1")).isEmpty();
    assertThat(triggers.fireableCount()).isZero();
    assertThat(triggers.known("t-1"))
        .contains(new KnownTrigger("t-1", "ws-1", "wf-1", KnownTrigger.Standing.TRIGGER_DISABLED));
  }

  @Test
  void enabledTriggerOfAnInactiveOrMissingWorkflowIsKnownAsWorkflowInactive() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(new StoredWorkflow("wf-1", "paused", 4))));
    assertThat(triggers.known("t-1").orElseThrow().standing())
        .isEqualTo(KnownTrigger.Standing.WORKFLOW_INACTIVE);

    triggers.apply(new WorkflowRemoved("wf-1"));
    assertThat(triggers.known("t-1").orElseThrow().standing())
        .isEqualTo(KnownTrigger.Standing.WORKFLOW_INACTIVE);
  }

  @Test
  void knownStandingFollowsEnablingDisablingAndDeleting() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));
    assertThat(triggers.known("t-1").orElseThrow().standing())
        .isEqualTo(KnownTrigger.Standing.FIREABLE);

    triggers.apply(new TriggerSaved(disabled(ENABLED)));
    assertThat(triggers.known("t-1").orElseThrow().standing())
        .isEqualTo(KnownTrigger.Standing.TRIGGER_DISABLED);

    triggers.apply(new TriggerSaved(ENABLED));
    assertThat(triggers.known("t-1").orElseThrow().standing())
        .isEqualTo(KnownTrigger.Standing.FIREABLE);
    assertThat(triggers.find("t-1")).isPresent();

    triggers.apply(new TriggerSaved(disabled(ENABLED)));
    triggers.apply(new TriggerRemoved("t-1"));
    assertThat(triggers.known("t-1")).isEmpty();
  }

  @Test
  void unknownTriggerIsNotKnown() {
    triggers.apply(new Loaded(List.of(ENABLED), List.of(ACTIVE)));

    assertThat(triggers.known("no-such-trigger")).isEmpty();
  }

  private static StoredTrigger disabled(StoredTrigger trigger) {
    return new StoredTrigger(
        trigger.id(),
        trigger.workspaceId(),
        trigger.workflowId(),
        trigger.type(),
        false,
        trigger.config());
  }
}
