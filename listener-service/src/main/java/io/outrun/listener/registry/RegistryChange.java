package io.outrun.listener.registry;

import java.util.List;

/** Something the registry learned from MongoDB: a full load, or one changed document. */
sealed interface RegistryChange {

  record Loaded(List<StoredTrigger> triggers, List<StoredWorkflow> workflows)
      implements RegistryChange {}

  record TriggerSaved(StoredTrigger trigger) implements RegistryChange {}

  record TriggerRemoved(String triggerId) implements RegistryChange {}

  record WorkflowSaved(StoredWorkflow workflow) implements RegistryChange {}

  record WorkflowRemoved(String workflowId) implements RegistryChange {}
}
