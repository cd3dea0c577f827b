package io.outrun.api.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class WorkspaceSettingsIT extends ApiTestSupport {

  private final String workspace = "ws-settings-" + UUID.randomUUID();
  private final String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);

  private ApiClient owner() {
    return apiAs("u1", workspace);
  }

  @Test
  void aWorkspaceWithoutSettingsHasNoSlug() {
    owner()
        .workspaceSettings()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.workspaceId")
        .isEqualTo(workspace)
        .jsonPath("$.slug")
        .doesNotExist();
  }

  @Test
  void theSlugIsSavedAndShown() {
    ApiClient api = owner();

    api.setWorkspaceSlug(slug)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.slug")
        .isEqualTo(slug);

    api.workspaceSettings().expectBody().jsonPath("$.slug").isEqualTo(slug);
    api.setWorkspaceSlug(slug).expectStatus().isOk(); // the workspace's own slug again
  }

  @Test
  void aSlugAnotherWorkspaceHasIs409() {
    owner().setWorkspaceSlug(slug).expectStatus().isOk();

    apiAs("u2", "ws-other-" + UUID.randomUUID())
        .setWorkspaceSlug(slug)
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("slug");
  }

  @Test
  void anInvalidSlugIs400NamingIt() {
    for (Object bad : new Object[] {"Acme", "a", "a/b", "-acme", "x".repeat(64)}) {
      owner()
          .setWorkspaceSlug(bad)
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("slug");
    }
    owner().setWorkspaceSlug(5).expectStatus().isBadRequest();
  }

  @Test
  void theAutoPauseDefaultAndRetentionOverridesAreSavedShownAndRemoved() {
    ApiClient api = owner();
    Map<String, Object> settings =
        Map.of(
            "slug",
            slug,
            "autoPauseAfterFailures",
            5,
            "retention",
            Map.of("runsDays", 3, "webhookLogsDays", 1, "triggerEventsDays", 3650));

    api.put("/api/workspace/settings", settings).expectStatus().isOk();

    api.workspaceSettings()
        .expectBody()
        .jsonPath("$.autoPauseAfterFailures")
        .isEqualTo(5)
        .jsonPath("$.retention.runsDays")
        .isEqualTo(3)
        .jsonPath("$.retention.webhookLogsDays")
        .isEqualTo(1)
        .jsonPath("$.retention.triggerEventsDays")
        .isEqualTo(3650);
    Document stored = mongo.findById(workspace, Document.class, "workspaces").block(TIMEOUT);
    assertThat(stored.get("retention", Document.class))
        .containsEntry("runsDays", 3)
        .containsEntry("webhookLogsDays", 1);

    api.put("/api/workspace/settings", Map.of("slug", slug)).expectStatus().isOk();
    api.workspaceSettings()
        .expectBody()
        .jsonPath("$.autoPauseAfterFailures")
        .doesNotExist()
        .jsonPath("$.retention")
        .doesNotExist();
    // runs were kept 3 days, now 30: those that ended before the old cutoff may be gone
    Document marked = mongo.findById(workspace, Document.class, "workspaces").block(TIMEOUT);
    assertThat(marked.get("retention", Document.class).getDate("runsExpiredBefore")).isNotNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void retentionDaysOutOfRangeAndABadAutoPauseLimitAre400NamingEach() {
    Map<String, Object> bad =
        Map.of(
            "autoPauseAfterFailures",
            -1,
            "retention",
            Map.of("runsDays", 0, "webhookLogsDays", 3651, "triggerEventsDays", 7));

    owner()
        .put("/api/workspace/settings", bad)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .containsExactlyInAnyOrder(
                        "autoPauseAfterFailures",
                        "retention.runsDays",
                        "retention.webhookLogsDays"));
    for (Object wrong : List.of("7", 1.5, Map.of("$gt", 1), List.of(7))) {
      owner()
          .put("/api/workspace/settings", Map.of("retention", Map.of("runsDays", wrong)))
          .expectStatus()
          .isBadRequest();
    }
    // an unknown key is ignored, as everywhere in the API, and never stored
    owner()
        .put("/api/workspace/settings", Map.of("retention", Map.of("$where", 1, "runsDays", 2)))
        .expectStatus()
        .isOk();
    assertThat(
            mongo
                .findById(workspace, Document.class, "workspaces")
                .block(TIMEOUT)
                .get("retention", Document.class))
        .isEqualTo(new Document("runsDays", 2));
  }

  @Test
  void quotaOverridesAreSavedShownAndRemoved() {
    ApiClient api = owner();
    Map<String, Object> quotas =
        Map.of("activeTriggers", 5, "runsPerMinute", 120, "concurrentRuns", 8);

    api.put("/api/workspace/settings", Map.of("quotas", quotas)).expectStatus().isOk();

    api.workspaceSettings()
        .expectBody()
        .jsonPath("$.quotas.activeTriggers")
        .isEqualTo(5)
        .jsonPath("$.quotas.runsPerMinute")
        .isEqualTo(120)
        .jsonPath("$.quotas.concurrentRuns")
        .isEqualTo(8);
    Document stored = mongo.findById(workspace, Document.class, "workspaces").block(TIMEOUT);
    assertThat(stored.get("quotas", Document.class))
        .isEqualTo(
            new Document("activeTriggers", 5)
                .append("runsPerMinute", 120)
                .append("concurrentRuns", 8));

    api.put("/api/workspace/settings", Map.of()).expectStatus().isOk();
    api.workspaceSettings().expectBody().jsonPath("$.quotas").doesNotExist();
    assertThat(mongo.findById(workspace, Document.class, "workspaces").block(TIMEOUT))
        .doesNotContainKey("quotas");
  }

  @Test
  @SuppressWarnings("unchecked")
  void quotasOutOfRangeAre400NamingEachAndWrongTypesAre400() {
    Map<String, Object> bad =
        Map.of("activeTriggers", 0, "runsPerMinute", 1_000_001, "concurrentRuns", -3);

    owner()
        .put("/api/workspace/settings", Map.of("quotas", bad))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .containsExactlyInAnyOrder(
                        "quotas.activeTriggers", "quotas.runsPerMinute", "quotas.concurrentRuns"));
    for (Object wrong :
        List.of("7", 1.5, Map.of("$gt", 1), List.of(7), new BigInteger("9".repeat(40)))) {
      owner()
          .put("/api/workspace/settings", Map.of("quotas", Map.of("concurrentRuns", wrong)))
          .expectStatus()
          .isBadRequest();
    }
    owner()
        .put("/api/workspace/settings", Map.of("quotas", Map.of("$where", 1)))
        .expectStatus()
        .isOk();
    assertThat(mongo.findById(workspace, Document.class, "workspaces").block(TIMEOUT))
        .doesNotContainKey("quotas");
  }
}
