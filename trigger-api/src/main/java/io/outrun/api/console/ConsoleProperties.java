package io.outrun.api.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.console.*}: how the console signs users in. The issuer is the one trigger-api
 * trusts ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}); this names the console's
 * registration there.
 *
 * @param oidc the console's OIDC client; without a client id the console offers no OIDC sign-in
 */
@ConfigurationProperties("outrun.console")
record ConsoleProperties(@DefaultValue Oidc oidc) {

  /**
   * @param clientId the public client (no secret) registered at the issuer with the console's
   *     origin as its redirect URI
   * @param scopes the scopes the console asks for, space-separated
   */
  record Oidc(String clientId, @DefaultValue("openid") String scopes) {

    Oidc {
      if (scopes == null || scopes.isBlank()) {
        throw new IllegalArgumentException("outrun.console.oidc.scopes must not be empty");
      }
    }
  }
}
