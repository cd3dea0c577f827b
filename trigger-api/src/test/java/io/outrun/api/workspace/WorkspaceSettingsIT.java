package io.outrun.api.workspace;

import io.outrun.api.ApiClient;
import io.outrun.api.ApiTestSupport;
import java.util.UUID;
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
}
