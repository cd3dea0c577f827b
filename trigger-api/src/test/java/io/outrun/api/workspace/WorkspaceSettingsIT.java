package io.outrun.api.workspace;

import io.outrun.api.ApiTestSupport;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class WorkspaceSettingsIT extends ApiTestSupport {

  private final String workspace = "ws-settings-" + UUID.randomUUID();
  private final String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);

  private static WebTestClient.ResponseSpec put(WebTestClient api, Object slug) {
    Map<String, Object> body = new HashMap<>();
    body.put("slug", slug);
    return api.put().uri("/api/workspace/settings").bodyValue(body).exchange();
  }

  @Test
  void aWorkspaceWithoutSettingsHasNoSlug() {
    as("u1", workspace)
        .get()
        .uri("/api/workspace/settings")
        .exchange()
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
    WebTestClient api = as("u1", workspace);

    put(api, slug).expectStatus().isOk().expectBody().jsonPath("$.slug").isEqualTo(slug);

    api.get()
        .uri("/api/workspace/settings")
        .exchange()
        .expectBody()
        .jsonPath("$.slug")
        .isEqualTo(slug);
    put(api, slug).expectStatus().isOk(); // the workspace's own slug again
  }

  @Test
  void aSlugAnotherWorkspaceHasIs409() {
    put(as("u1", workspace), slug).expectStatus().isOk();

    put(as("u2", "ws-other-" + UUID.randomUUID()), slug)
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.field")
        .isEqualTo("slug");
  }

  @Test
  void anInvalidSlugIs400NamingIt() {
    for (Object bad : new Object[] {"Acme", "a", "a/b", "-acme", "x".repeat(64)}) {
      put(as("u1", workspace), bad)
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("slug");
    }
    put(as("u1", workspace), 5).expectStatus().isBadRequest();
  }
}
