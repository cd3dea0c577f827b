package io.outrun.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The console's files: public, with the strict CSP, cached by ETag; the API stays closed. */
class ConsoleRoutesIT extends ApiTestSupport {

  @Test
  void theConsolePageIsServedAtTheRootWithoutATokenAndWithAStrictPolicy() {
    client()
        .get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectHeader()
        .valueEquals("Content-Security-Policy", ConsoleRoutes.POLICY)
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectBody(String.class)
        .value(page -> assertThat(page).contains("/console/js/main.js").doesNotContain("<script>"));
  }

  @Test
  void theConsolePolicyAllowsNoInlineScriptNoEvalAndNoOtherOrigin() {
    assertThat(ConsoleRoutes.POLICY)
        .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "*");
  }

  @Test
  void scriptsAreServedAsJavaScriptModules() {
    client()
        .get()
        .uri("/console/js/main.js")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript")
        .expectHeader()
        .valueEquals("Content-Security-Policy", ConsoleRoutes.POLICY);
  }

  @Test
  void anUnchangedFileIsNotSentAgain() {
    String etag =
        client()
            .get()
            .uri("/console/css/console.css")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getETag();

    client()
        .get()
        .uri("/console/css/console.css")
        .header(HttpHeaders.IF_NONE_MATCH, etag)
        .exchange()
        .expectStatus()
        .isNotModified();
  }

  @Test
  void aFileTheConsoleDoesNotHaveIsNotFound() {
    client().get().uri("/console/js/nothing-here.js").exchange().expectStatus().isNotFound();
    client().get().uri("/console/../application.yml").exchange().expectStatus().is4xxClientError();
  }

  @Test
  void withoutAnIssuerTheConsoleIsToldToUseDevTokensAndNoOidc() {
    client()
        .get()
        .uri("/api/console/config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectHeader()
        .valueEquals("Content-Security-Policy", ConsoleRoutes.POLICY)
        .expectBody()
        .jsonPath("$.devTokens")
        .isEqualTo(true)
        .jsonPath("$.oidc")
        .doesNotExist();
  }

  @Test
  void theApiStillNeedsAToken() {
    client().get().uri("/api/workflows").exchange().expectStatus().isUnauthorized();
  }
}
