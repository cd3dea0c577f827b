package io.outrun.service;

import java.util.Set;

/**
 * The MongoDB collections Outrun's services keep in their own database. A data-change trigger may
 * not watch any of them (trigger-api refuses it with 400, the listener never opens the stream), so
 * a run cannot trigger itself through Outrun's own records. A service that adds a collection adds
 * it here.
 */
public final class OutrunCollections {

  public static final Set<String> ALL =
      Set.of(
          "workflows",
          "workflow_versions",
          "deployments",
          "triggers",
          "runs",
          "workflow_stats",
          "webhook_logs",
          "trigger_events",
          "locks",
          "shedlock",
          "logs",
          "change_stream_positions",
          "change_stream_leases",
          "pending_starts",
          "run_payloads",
          "workspaces",
          "secrets");

  private OutrunCollections() {}

  /** Whether watching {@code collection} in Outrun's own database is refused. */
  public static boolean isOwn(String collection) {
    return ALL.contains(collection) || collection.startsWith("system.");
  }
}
