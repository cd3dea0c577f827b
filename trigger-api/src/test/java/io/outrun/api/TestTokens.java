package io.outrun.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 tokens written by hand, claim by claim: the JWT libraries turn a number in {@code sub} into
 * text while encoding, so the tokens a hostile client sends are built here as JSON text.
 */
public final class TestTokens {

  private TestTokens() {}

  /**
   * Claims as the dev-token signer writes them, valid for an hour, with {@code sub} and {@code
   * workspaceId} as the given JSON values (e.g. {@code "\"u1\""} or {@code 123}).
   */
  public static String claims(String subJson, String workspaceIdJson) {
    long now = Instant.now().getEpochSecond();
    return "{\"iss\":\"outrun-local\",\"aud\":\"outrun-api\",\"iat\":"
        + now
        + ",\"exp\":"
        + (now + 3600)
        + ",\"sub\":"
        + subJson
        + ",\"workspaceId\":"
        + workspaceIdJson
        + "}";
  }

  /** A token over exactly {@code claimsJson}, signed with the base64 {@code secret}. */
  public static String sign(String secret, String claimsJson) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        base64.encodeToString(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
      byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64.encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same claims without a signature ({@code alg: none}). */
  public static String unsigned(String claimsJson) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8))
        + ".";
  }
}
