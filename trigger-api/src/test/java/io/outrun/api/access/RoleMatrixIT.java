package io.outrun.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.auth.Role;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every route of the table called with each role: refused (403 naming the role needed) exactly when
 * the role is below the route's, and never refused otherwise (the ids are made up, so an allowed
 * call may well be a 404 or 400).
 */
class RoleMatrixIT extends ApiTestSupport {

  private final String workspace = "ws-roles-" + UUID.randomUUID();

  @ParameterizedTest
  @EnumSource(Role.class)
  void eachRoleIsRefusedExactlyTheRoutesAboveIt(Role role) {
    WebTestClient api = as("u-" + role.claimValue(), workspace, role.claimValue());

    for (RouteRule rule : RouteRules.ALL) {
      String path = rule.pattern().getPatternString().replaceAll("\\{[^}]*}", "x1");
      String route = rule.method() + " " + path + " as " + role.claimValue();
      EntityExchangeResult<byte[]> result = exchange(api, rule, path, route);
      int status = result.getStatus().value();
      if (role.covers(rule.needs())) {
        assertThat(status).as(route).isNotEqualTo(403);
      } else {
        assertThat(status).as(route).isEqualTo(403);
        assertThat(new String(result.getResponseBody()))
            .as(route)
            .contains("needs role " + rule.needs().claimValue());
      }
    }
  }

  /** The route's answer; a route left unanswered fails naming itself, not only the timeout. */
  private static EntityExchangeResult<byte[]> exchange(
      WebTestClient api, RouteRule rule, String path, String route) {
    try {
      return api.method(rule.method()).uri(path).exchange().expectBody().returnResult();
    } catch (IllegalStateException unanswered) {
      throw new AssertionError(route + " was not answered", unanswered);
    }
  }

  @Test
  void refusalIsAProblemNamingTheRoleNeeded() {
    as("u-viewer", workspace, "viewer")
        .post()
        .uri("/api/workflows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(validWorkflow("not mine to make"))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo(Forbidden.TYPE)
        .jsonPath("$.title")
        .isEqualTo("Forbidden")
        .jsonPath("$.status")
        .isEqualTo(403)
        .jsonPath("$.detail")
        .isEqualTo("Your role in this workspace is viewer; this call needs role editor");
  }

  @Test
  void viewerReadsWhatAnEditorWrote() {
    String id = createWorkflow(as("u-editor", workspace, "editor"), validWorkflow("shared"));

    as("u-viewer", workspace, "viewer")
        .get()
        .uri("/api/workflows/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("shared");
  }

  @Test
  void editorIsRefusedSecretsSettingsAndTheAuditLog() {
    WebTestClient editor = as("u-editor", workspace, "editor");

    editor
        .put()
        .uri("/api/secrets/TOKEN")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("value", "s3cret"))
        .exchange()
        .expectStatus()
        .isForbidden();
    editor.delete().uri("/api/secrets/TOKEN").exchange().expectStatus().isForbidden();
    editor
        .put()
        .uri("/api/workspace/settings")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("slug", "acme"))
        .exchange()
        .expectStatus()
        .isForbidden();
    editor.get().uri("/api/audit").exchange().expectStatus().isForbidden();
    editor.get().uri("/api/secrets").exchange().expectStatus().isOk();
  }

  @Test
  void onlyAnAdminDeploysUndeploysOrRollsBack() {
    String id = createWorkflow(as("u-editor", workspace, "editor"), validWorkflow("gated"));
    WebTestClient editor = as("u-editor", workspace, "editor");

    for (String action : new String[] {"deploy", "undeploy", "rollback"}) {
      editor
          .post()
          .uri("/api/workflows/{id}/" + action, id)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of())
          .exchange()
          .expectStatus()
          .isForbidden()
          .expectBody()
          .jsonPath("$.detail")
          .isEqualTo("Your role in this workspace is editor; this call needs role admin");
    }
    editor
        .post()
        .uri("/api/workflows/{id}/pause", id)
        .exchange()
        .expectStatus()
        .value(status -> assertThat(status).isNotEqualTo(403));
  }

  @Test
  void devTokenWithAnUnknownRoleIs400() {
    client()
        .post()
        .uri("/api/dev/tokens")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("userId", "u1", "workspaceId", workspace, "role", "owner"))
        .exchange()
        .expectStatus()
        .isBadRequest();
  }
}
