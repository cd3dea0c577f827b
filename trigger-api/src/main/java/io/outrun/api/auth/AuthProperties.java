package io.outrun.api.auth;

import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.auth.*}: how API tokens are verified. With {@code jwt.hmac-secret} set, tokens are
 * HS256 JWTs signed with it (the local stack and tests); without it Spring Boot's {@code
 * spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} apply (production).
 *
 * <p>Production tokens must name this API in {@code aud}: set {@code
 * spring.security.oauth2.resourceserver.jwt.audiences}, or trigger-api refuses to start (a token an
 * identity provider issued for another API must not work here).
 *
 * @param jwt token verification
 * @param rolesClaim the claim holding the caller's role in the token's workspace ({@code viewer},
 *     {@code editor} or {@code admin}); a dotted name reaches into nested objects
 * @param defaultRole the role of a token without that claim (or with no known role in it): {@code
 *     viewer}, so that an identity provider that does not send roles grants reading only; dev
 *     tokens always carry the claim
 */
@ConfigurationProperties("outrun.auth")
public record AuthProperties(
    @DefaultValue Jwt jwt,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("viewer") Role defaultRole) {

  public AuthProperties {
    if (rolesClaim == null || rolesClaim.isBlank()) {
      throw new IllegalArgumentException("outrun.auth.roles-claim must not be empty");
    }
  }

  TokenRoles tokenRoles() {
    return new TokenRoles(rolesClaim, defaultRole);
  }

  private static final int MIN_SECRET_BYTES = 32;

  /**
   * @param hmacSecret base64 of at least 32 bytes; absent in production
   * @param issuer the {@code iss} HS256 tokens must carry; the local stack's dev-token signer
   *     (module dev-auth) uses the same default
   * @param audience what HS256 tokens must name in {@code aud}; the dev-token signer's default too
   */
  public record Jwt(
      String hmacSecret,
      @DefaultValue(DEFAULT_ISSUER) String issuer,
      @DefaultValue(DEFAULT_AUDIENCE) String audience) {

    static final String DEFAULT_ISSUER = "outrun-local";
    static final String DEFAULT_AUDIENCE = "outrun-api";

    public Jwt {
      if (hmacSecret != null && !hmacSecret.isBlank()) {
        secretBytes(hmacSecret);
      }
      if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
        throw new IllegalArgumentException(
            "outrun.auth.jwt.issuer and outrun.auth.jwt.audience must not be empty");
      }
    }

    public boolean hasHmacSecret() {
      return hmacSecret != null && !hmacSecret.isBlank();
    }

    /** The decoded secret. */
    public byte[] hmacSecretBytes() {
      return secretBytes(hmacSecret);
    }

    private static byte[] secretBytes(String base64) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(base64.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("outrun.auth.jwt.hmac-secret must be base64", e);
      }
      if (bytes.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "outrun.auth.jwt.hmac-secret must decode to at least " + MIN_SECRET_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
