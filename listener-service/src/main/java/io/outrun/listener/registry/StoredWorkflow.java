package io.outrun.listener.registry;

/** The fields of a {@code workflows} document the registry needs. */
record StoredWorkflow(String id, String status, Integer deployedVersion) {

  static final String ACTIVE = "active";

  /** Triggers fire only for an active workflow, and run its deployed version. */
  boolean runsTriggers() {
    return ACTIVE.equals(status) && deployedVersion != null && deployedVersion >= 1;
  }
}
