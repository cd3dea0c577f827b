package io.outrun.api.console;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What the console needs before anyone signs in ({@code GET /api/console/config}): whether this
 * server signs dev tokens, and the OIDC issuer and public client to sign in at, if configured.
 *
 * @param devTokens whether {@code POST /api/dev/tokens} exists (the local stack)
 * @param oidc the authorization-code-with-PKCE sign-in, or null when not configured
 */
public record ConsoleConfig(boolean devTokens, Oidc oidc) {

  /**
   * @param issuer the issuer URL; the console reads {@code /.well-known/openid-configuration} below
   *     it
   * @param clientId the console's public client id
   * @param scopes the scopes to ask for, space-separated
   */
  public record Oidc(String issuer, String clientId, String scopes) {

    /** {@code scheme://host[:port]} of the issuer: where the console's fetches may go. */
    String origin() {
      URI uri = URI.create(issuer);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("the OIDC issuer must be an absolute URL: " + issuer);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
  }

  /** OIDC on only with both an issuer and a client id. */
  static ConsoleConfig of(boolean devTokens, String issuer, ConsoleProperties.Oidc client) {
    boolean configured =
        issuer != null
            && !issuer.isBlank()
            && client.clientId() != null
            && !client.clientId().isBlank();
    Oidc oidc = configured ? new Oidc(issuer, client.clientId(), client.scopes()) : null;
    if (oidc != null) {
      oidc.origin(); // refuse a malformed issuer at startup, not in a response
    }
    return new ConsoleConfig(devTokens, oidc);
  }

  /** The console's Content-Security-Policy: {@link ConsoleRoutes#POLICY}, plus the issuer. */
  String policy() {
    return Optional.ofNullable(oidc)
        .map(
            o ->
                ConsoleRoutes.POLICY.replace(
                    "connect-src 'self';", "connect-src 'self' " + o.origin() + ";"))
        .orElse(ConsoleRoutes.POLICY);
  }
}
