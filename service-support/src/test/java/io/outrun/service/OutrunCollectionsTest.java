package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutrunCollectionsTest {

  @Test
  void namesEveryCollectionTheServicesKeep() {
    assertThat(OutrunCollections.ALL)
        .contains(
            "workflows",
            "workflow_versions",
            "deployments",
            "triggers",
            "runs",
            "workflow_stats",
            "webhook_logs",
            "trigger_events",
            "locks",
            "change_stream_positions",
            "change_stream_leases",
            "pending_starts",
            "run_payloads",
            "workspaces",
            "secrets");
  }

  @Test
  void systemCollectionsCountAsOwn() {
    assertThat(OutrunCollections.isOwn("system.profile")).isTrue();
    assertThat(OutrunCollections.isOwn("runs")).isTrue();
    assertThat(OutrunCollections.isOwn("leads")).isFalse();
  }
}
