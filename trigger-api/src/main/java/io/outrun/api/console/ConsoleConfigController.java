package io.outrun.api.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/console/config}: how the console may sign in, asked before it has a token, so
 * public (the console's filter chain, {@link ConsoleRoutes}); it holds no secret.
 */
@RestController
class ConsoleConfigController {

  private final ConsoleConfig config;

  ConsoleConfigController(ConsoleConfig config) {
    this.config = config;
  }

  @Operation(
      summary = "How the web console signs in: dev tokens, or the OIDC issuer and public client",
      description =
          "No token needed. devTokens: whether POST /api/dev/tokens exists (the local stack)."
              + " oidc: the issuer, client id and scopes of the authorization code flow with PKCE"
              + " (settings outrun.console.oidc.*), or null when not configured.")
  @SecurityRequirements
  @GetMapping("/api/console/config")
  Mono<ResponseEntity<ConsoleConfig>> config() {
    return Mono.just(ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config));
  }
}
