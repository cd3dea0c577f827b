package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import io.outrun.api.Page;
import io.outrun.api.WorkflowBody;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/workflows/{id}/versions}, one version, and the diff of two. */
class WorkflowVersionsIT extends ApiTestSupport {

  private final String workspace = "ws-" + UUID.randomUUID();

  @Test
  void versionsAreListedNewestFirstWithWhoSavedThemAndWhetherDeployed() {
    ApiClient alice = apiAs("alice", workspace);
    Instant before = Instant.now().minusSeconds(1);
    String id = alice.createWorkflow(WorkflowBody.named("v1"));
    deployTested(alice, id, 1);
    ApiClient bob = apiAs("bob", workspace);
    bob.editWorkflow(id, WorkflowBody.named("v2").version(1)).expectStatus().isOk();
    bob.editWorkflow(id, WorkflowBody.named("v3").version(2)).expectStatus().isOk();
    deployTested(bob, id, 3);

    bob.versions(id, "")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.length()")
        .isEqualTo(3)
        .jsonPath("$[0].version")
        .isEqualTo(3)
        .jsonPath("$[0].savedBy")
        .isEqualTo("bob")
        .jsonPath("$[0].deployed")
        .isEqualTo(true)
        .jsonPath("$[0].everDeployed")
        .isEqualTo(true)
        .jsonPath("$[0].nodes")
        .doesNotExist()
        .jsonPath("$[1].version")
        .isEqualTo(2)
        .jsonPath("$[1].everDeployed")
        .isEqualTo(false)
        .jsonPath("$[2].version")
        .isEqualTo(1)
        .jsonPath("$[2].name")
        .isEqualTo("v1")
        .jsonPath("$[2].savedBy")
        .isEqualTo("alice")
        .jsonPath("$[2].deployed")
        .isEqualTo(false)
        .jsonPath("$[2].everDeployed")
        .isEqualTo(true)
        .jsonPath("$[2].savedAt")
        .value(at -> assertThat(Instant.parse((String) at)).isAfter(before));
  }

  @Test
  void versionsArePagedWithANextCursor() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("v1"));
    for (int version = 1; version < 5; version++) {
      api.editWorkflow(id, WorkflowBody.named("v" + (version + 1)).version(version))
          .expectStatus()
          .isOk();
    }

    String cursor =
        api.versions(id, "limit=2")
            .expectStatus()
            .isOk()
            .expectHeader()
            .exists("Link")
            .expectBody()
            .jsonPath("$[*].version")
            .isEqualTo(java.util.List.of(5, 4))
            .returnResult()
            .getResponseHeaders()
            .getFirst(Page.NEXT_CURSOR);
    api.versions(id, "limit=2&before=" + cursor)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[*].version")
        .isEqualTo(java.util.List.of(3, 2));
  }

  @Test
  void aVersionShowsItsSnapshotAsSavedEvenAfterLaterEdits() {
    ApiClient api = apiAs("u1", workspace);
    String id =
        api.createWorkflow(
            WorkflowBody.empty("first")
                .node("n1", "http_request", Map.of("url", "https://a", "body", Map.of("$in", 1))));
    api.editWorkflow(id, WorkflowBody.named("second").version(1)).expectStatus().isOk();

    api.version(id, 1)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1)
        .jsonPath("$.name")
        .isEqualTo("first")
        .jsonPath("$.nodes.length()")
        .isEqualTo(1)
        .jsonPath("$.nodes[0].data.body['$in']")
        .isEqualTo(1)
        .jsonPath("$.settings.timeoutMs")
        .isEqualTo(300000)
        .jsonPath("$.deployed")
        .isEqualTo(false);
  }

  @Test
  void aDiffNamesNodesEdgesAndSettingsThatChanged() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("flow"));
    api.editWorkflow(
            id,
            WorkflowBody.empty("flow")
                .node("n1", "http_request", Map.of("method", "GET", "url", "https://example.org/y"))
                .node("n3", "log", Map.of("message", "new"))
                .edge("e2", "n1", "n3")
                .settings(Map.of("timeoutMs", 1000, "concurrency", 1))
                .version(1))
        .expectStatus()
        .isOk();

    api.versionDiff(id, 1, 2)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.from")
        .isEqualTo(1)
        .jsonPath("$.to")
        .isEqualTo(2)
        .jsonPath("$.nameChanged")
        .isEqualTo(false)
        .jsonPath("$.nodes.added")
        .isEqualTo(java.util.List.of("n3"))
        .jsonPath("$.nodes.removed")
        .isEqualTo(java.util.List.of("n2"))
        .jsonPath("$.nodes.changed[0].id")
        .isEqualTo("n1")
        .jsonPath("$.nodes.changed[0].paths")
        .isEqualTo(java.util.List.of("/data/url"))
        .jsonPath("$.edges.added")
        .isEqualTo(java.util.List.of("e2"))
        .jsonPath("$.edges.removed")
        .isEqualTo(java.util.List.of("e1"))
        .jsonPath("$.settingsChanged")
        .isEqualTo(java.util.List.of("/timeoutMs"));
  }

  @Test
  void anUnknownVersionIsA404AndANonNumberA400NamingIt() {
    ApiClient api = apiAs("u1", workspace);
    String id = api.createWorkflow(WorkflowBody.named("flow"));

    api.version(id, 2).expectStatus().isNotFound();
    api.versionDiff(id, 1, 7).expectStatus().isNotFound();
    api.version(id, "one")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("version");
    api.versions(id, "before=not-a-cursor").expectStatus().isBadRequest();
  }

  @Test
  void anotherWorkspaceSeesNoVersions() {
    String id = apiAs("u1", workspace).createWorkflow(WorkflowBody.named("mine"));
    ApiClient stranger = apiAs("u1", "ws-" + UUID.randomUUID());

    stranger.versions(id, "").expectStatus().isNotFound();
    stranger.version(id, 1).expectStatus().isNotFound();
    stranger.versionDiff(id, 1, 1).expectStatus().isNotFound();
  }
}
