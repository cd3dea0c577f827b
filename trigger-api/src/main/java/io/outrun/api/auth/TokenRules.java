package io.outrun.api.auth;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What trigger-api asks of every token, in both modes, on top of the signature and the time, issuer
 * and audience checks: an expiry ({@code exp}; a token without one would work for ever), and {@code
 * sub} and {@code workspaceId} that are non-blank strings of at most {@value #MAX_CLAIM}
 * characters, as written in the token. The JWT library turns a number in {@code sub} into text and
 * {@code getClaimAsString} turns {@code ["ws-F"]} into {@code "[ws-F]"}, so the types are read from
 * the token's own payload: a claim of the wrong type is a token this API does not understand, 401,
 * never a workspace named {@code "123"}.
 */
final class TokenRules implements OAuth2TokenValidator<Jwt> {

  static final int MAX_CLAIM = 200;

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    if (token.getExpiresAt() == null) {
      return refuse("The token must carry an expiry (exp)");
    }
    Map<String, Object> claims = payload(token.getTokenValue());
    if (claims == null) {
      return refuse("The token's claims cannot be read");
    }
    for (String claim : new String[] {"sub", WorkspaceAuthentication.WORKSPACE_CLAIM}) {
      if (!(claims.get(claim) instanceof String text) || text.isBlank()) {
        return refuse("The token's " + claim + " must be a non-empty string");
      }
      if (text.length() > MAX_CLAIM) {
        return refuse("The token's " + claim + " is longer than " + MAX_CLAIM + " characters");
      }
    }
    return OAuth2TokenValidatorResult.success();
  }

  /** The claims as the token's payload states them, or null if it is not a JSON object. */
  private static Map<String, Object> payload(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length < 2) {
      return null;
    }
    try {
      return JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
    } catch (ParseException | RuntimeException unreadable) {
      return null;
    }
  }

  private static OAuth2TokenValidatorResult refuse(String description) {
    return OAuth2TokenValidatorResult.failure(
        new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
  }
}
