package io.outrun.api.workflow;

import java.util.List;

/** A deploy's or rollback's outcome: the workflow now running, and the secrets to show once. */
record DeployResult(Workflow workflow, List<NewTriggerSecret> newTriggerSecrets) {}
